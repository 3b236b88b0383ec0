\set uid random(1, 20000)
\set pid random(1, 5000)
INSERT INTO orders (user_id, status, user_email, total_cents) VALUES (:uid, 'pending', 'user' || :uid || '@example.com', 1999);
INSERT INTO reviews (product_id, user_id, rating, body) VALUES (:pid, :uid, 4, 'nice');
DELETE FROM sessions WHERE user_id = :uid AND expires_at < now();
