\set uid random_exponential(1, 200000 * :scale, 4)
SELECT id, product_id, rating, created_at FROM reviews WHERE user_id = :uid ORDER BY created_at DESC LIMIT 10;
