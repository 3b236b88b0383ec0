\set uid random(1, 200000 * :scale)
\set pid random_exponential(1, 500000 * :scale, 8)
INSERT INTO reviews (id, product_id, user_id, rating, body, created_at) VALUES (nextval('ids'), :pid, :uid, 5, 'great', now());
