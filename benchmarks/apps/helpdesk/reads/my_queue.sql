\set uid random_exponential(1, 150000 * :scale, 4)
SELECT id, subject, priority, due_at FROM tickets WHERE assignee_id = :uid AND status = 'open' ORDER BY priority DESC, due_at LIMIT 25;
