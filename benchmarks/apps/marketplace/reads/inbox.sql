\set uid random_exponential(1, 200000 * :scale, 4)
SELECT id, sender_id, recipient_id, body, created_at FROM messages WHERE sender_id = :uid OR recipient_id = :uid ORDER BY created_at DESC LIMIT 30;
