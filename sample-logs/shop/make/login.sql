\set uid random(1, 20000)
SELECT id, email, name, plan FROM users WHERE lower(email) = lower('user' || :uid || '@example.com') AND deleted_at IS NULL;
SELECT s.id, s.user_id FROM sessions s WHERE s.token = md5(:uid::text) AND s.expires_at > now();
UPDATE users SET last_login_at = now() WHERE id = :uid;
