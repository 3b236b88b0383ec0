\set tid random_exponential(1, 2000 * :scale, 6)
SELECT id, subject, assignee_id, priority FROM tickets WHERE tenant_id = :tid AND status = 'open' ORDER BY created_at DESC LIMIT 50;
