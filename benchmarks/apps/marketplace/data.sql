-- Skewed data at scale :scale (1 = 200k users, 500k products, 1M orders, 2.5M order items, 1M messages).
-- Popular sellers, categories, buyers and products get far more rows than the rest (power laws), most products
-- are active, most orders are delivered, most messages are read: what a real marketplace looks like.
\set users (200000 * :scale)
\set sellers (5000 * :scale)
\set products (500000 * :scale)
\set orders (1000000 * :scale)
\set items (2500000 * :scale)
\set reviews (500000 * :scale)
\set messages (1000000 * :scale)
SELECT setseed(0.42);
INSERT INTO users
SELECT i, 'User' || i || '@Example.com', 'user ' || i, (ARRAY['US','DE','FR','GB','BR','IN','JP'])[1 + i % 7],
       now() - (random() * 1000) * interval '1 day', CASE WHEN random() < 0.03 THEN now() END
FROM generate_series(1, :users) i;
INSERT INTO sellers
SELECT i, i * 37 % :users + 1, 'seller ' || i, round((3 + random() * 2)::numeric, 2), now() - random() * interval '900 days'
FROM generate_series(1, :sellers) i;
INSERT INTO categories SELECT i, NULL, 'root ' || i FROM generate_series(1, 20) i;
INSERT INTO categories SELECT i, 1 + i % 20, 'category ' || i FROM generate_series(21, 400) i;
INSERT INTO products
SELECT i, 1 + floor(:sellers * power(random(), 3))::bigint, 21 + floor(380 * power(random(), 2))::int,
       'product ' || i, 100 + floor(random() * 50000)::int,
       CASE WHEN random() < 0.85 THEN 'active' WHEN random() < 0.5 THEN 'draft' ELSE 'sold_out' END,
       floor(random() * 100)::int, now() - random() * interval '900 days', now() - random() * interval '90 days',
       CASE WHEN random() < 0.08 THEN now() - random() * interval '30 days' END
FROM generate_series(1, :products) i;
INSERT INTO orders
SELECT i, 1 + floor(:users * power(random(), 2))::bigint,
       CASE WHEN r < 0.90 THEN 'delivered' WHEN r < 0.95 THEN 'shipped' WHEN r < 0.98 THEN 'paid' ELSE 'cancelled' END,
       500 + floor(random() * 20000)::int, c, c + interval '5 minutes',
       CASE WHEN r < 0.95 THEN c + interval '2 days' END
FROM (SELECT i, random() AS r, now() - power(random(), 2) * interval '720 days' AS c
      FROM generate_series(1, :orders) i) o;
INSERT INTO order_items
SELECT x.i, 1 + (x.i::bigint * 7919) % :orders, p.id, p.seller_id, 1 + floor(random() * 3)::int, p.price_cents
FROM (SELECT i, 1 + floor(:products * power(random(), 3))::bigint AS p FROM generate_series(1, :items) i) x
JOIN products p ON p.id = x.p;
INSERT INTO reviews
SELECT i, 1 + floor(:products * power(random(), 3))::bigint, 1 + floor(:users * random())::bigint,
       1 + floor(random() * 5)::int, 'review ' || i, now() - random() * interval '700 days',
       CASE WHEN random() < 0.05 THEN now() END
FROM generate_series(1, :reviews) i;
INSERT INTO messages
SELECT i, 1 + floor(:users * power(random(), 2))::bigint, 1 + floor(:users * power(random(), 2))::bigint,
       'message ' || i, c, CASE WHEN c < now() - interval '3 days' OR random() < 0.5 THEN c + interval '1 hour' END
FROM (SELECT i, now() - power(random(), 2) * interval '365 days' AS c FROM generate_series(1, :messages) i) m;
INSERT INTO favorites
SELECT DISTINCT ON (u, p) u, p, now() - random() * interval '300 days'
FROM (SELECT 1 + floor(:users * power(random(), 2))::bigint AS u, 1 + floor(:products * power(random(), 3))::bigint AS p
      FROM generate_series(1, 400000 * :scale)) f;
VACUUM ANALYZE;
