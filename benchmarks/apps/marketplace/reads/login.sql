\set uid random_exponential(1, 200000 * :scale, 4)
SELECT id, name, country FROM users WHERE lower(email) = lower('user' || :uid || '@example.com') AND deleted_at IS NULL;
