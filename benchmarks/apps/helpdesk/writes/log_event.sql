\set t random(1, 1000000 * :scale)
\set tid random_exponential(1, 2000 * :scale, 6)
INSERT INTO events (id, tenant_id, ticket_id, actor_id, kind, occurred_at) VALUES (nextval('ids'), :tid, :t, 1, 'commented', now());
