\set uid random_exponential(1, 150000 * :scale, 4)
UPDATE notifications SET read_at = now() WHERE user_id = :uid AND read_at IS NULL;
