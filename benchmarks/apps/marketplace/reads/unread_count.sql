\set uid random_exponential(1, 200000 * :scale, 4)
SELECT count(*) FROM messages WHERE recipient_id = :uid AND read_at IS NULL;
