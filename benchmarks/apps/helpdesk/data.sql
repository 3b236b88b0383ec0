-- Skewed data at scale :scale (1 = 2,000 tenants, 150k users, 1M tickets, 3M comments, 1.5M notifications,
-- 3M events). A few big tenants own most tickets; 83% of tickets are closed; 9% of notifications are unread.
\set tenants (2000 * :scale)
\set users (150000 * :scale)
\set tickets (1000000 * :scale)
\set comments (3000000 * :scale)
\set notifications (1500000 * :scale)
\set events (3000000 * :scale)
SELECT setseed(0.17);
INSERT INTO tenants SELECT i, 'tenant ' || i, (ARRAY['free','team','enterprise'])[1 + i % 3], now() - random() * interval '1500 days'
FROM generate_series(1, :tenants) i;
INSERT INTO users
SELECT i, t, 'agent' || i || '@tenant' || t || '.example', 'Person ' || i, CASE WHEN random() < 0.2 THEN 'agent' ELSE 'customer' END,
       now() - random() * interval '60 days'
FROM (SELECT i, 1 + floor(:tenants * power(random(), 3))::int AS t FROM generate_series(1, :users) i) u;
INSERT INTO labels SELECT i, 1 + i % :tenants, 'label ' || i FROM generate_series(1, 20 * :tenants) i;
INSERT INTO tickets
SELECT i, u.tenant_id, u.id, CASE WHEN random() < 0.9 THEN 1 + floor(:users * power(random(), 2))::bigint END,
       'subject ' || i, CASE WHEN r < 0.83 THEN 'closed' WHEN r < 0.93 THEN 'open' WHEN r < 0.98 THEN 'pending' ELSE 'on_hold' END,
       1 + floor(random() * 4)::int, c, c + random() * interval '10 days', c + interval '3 days',
       CASE WHEN r < 0.83 THEN c + interval '4 days' END
FROM (SELECT i, random() AS r, 1 + floor(:users * power(random(), 2))::bigint AS uid,
             now() - power(random(), 2) * interval '900 days' AS c FROM generate_series(1, :tickets) i) x
JOIN users u ON u.id = x.uid;
INSERT INTO comments
SELECT i, 1 + floor(:tickets * power(random(), 2))::bigint, 1 + floor(:users * random())::bigint, 'comment ' || i,
       random() < 0.2, now() - random() * interval '900 days'
FROM generate_series(1, :comments) i;
INSERT INTO ticket_labels
SELECT DISTINCT t, 1 + floor(random() * 20 * :tenants)::int FROM (SELECT 1 + floor(:tickets * random())::bigint AS t
FROM generate_series(1, :tickets) i) x;
INSERT INTO notifications
SELECT i, 1 + floor(:users * power(random(), 2))::bigint, 1 + floor(:tickets * random())::bigint,
       (ARRAY['assigned','mentioned','replied','closed'])[1 + i % 4], c, CASE WHEN random() < 0.91 THEN c + interval '1 hour' END
FROM (SELECT i, now() - power(random(), 2) * interval '400 days' AS c FROM generate_series(1, :notifications) i) n;
INSERT INTO events
SELECT i, 1 + floor(:tenants * power(random(), 3))::int, 1 + floor(:tickets * random())::bigint, 1 + floor(:users * random())::bigint,
       (ARRAY['created','status_changed','assigned','commented','closed'])[1 + i % 5], now() - power(random(), 2) * interval '900 days'
FROM generate_series(1, :events) i;
VACUUM ANALYZE;
