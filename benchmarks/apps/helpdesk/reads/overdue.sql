\set tid random_exponential(1, 2000 * :scale, 6)
SELECT id, subject, due_at FROM tickets WHERE tenant_id = :tid AND status IN ('open', 'pending') AND due_at < now() ORDER BY due_at LIMIT 100;
