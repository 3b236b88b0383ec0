\set tid random_exponential(1, 2000 * :scale, 6)
SELECT kind, count(*) FROM events WHERE tenant_id = :tid AND occurred_at >= now() - interval '30 days' GROUP BY kind;
