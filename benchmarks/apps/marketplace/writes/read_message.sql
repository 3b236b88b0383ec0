\set uid random_exponential(1, 200000 * :scale, 4)
UPDATE messages SET read_at = now() WHERE recipient_id = :uid AND read_at IS NULL;
