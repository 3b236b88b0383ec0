\set uid random(1, 150000 * :scale)
\set tid random_exponential(1, 2000 * :scale, 6)
INSERT INTO tickets (id, tenant_id, reporter_id, subject, status, priority, created_at, updated_at, due_at) VALUES (nextval('ids'), :tid, :uid, 'help', 'open', 2, now(), now(), now() + interval '3 days');
