\set uid random_exponential(1, 150000 * :scale, 4)
SELECT id, subject, status, updated_at FROM tickets WHERE assignee_id = :uid OR reporter_id = :uid ORDER BY updated_at DESC LIMIT 20;
