\set tid random_exponential(1, 2000 * :scale, 6)
SELECT id, full_name, last_seen_at FROM users WHERE tenant_id = :tid AND role = 'agent' ORDER BY full_name LIMIT 100;
