\set pid random_exponential(1, 500000 * :scale, 8)
SELECT id, user_id, rating, body, created_at FROM reviews WHERE product_id = :pid AND deleted_at IS NULL ORDER BY created_at DESC LIMIT 20;
