\set uid random_exponential(1, 150000 * :scale, 4)
SELECT id, ticket_id, kind, created_at FROM notifications WHERE user_id = :uid AND read_at IS NULL ORDER BY created_at DESC LIMIT 20;
