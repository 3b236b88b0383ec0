\set pid random(1, 5000)
\set cid random(1, 50)
SELECT id, name, price_cents FROM products WHERE category_id = :cid AND deleted_at IS NULL ORDER BY price_cents LIMIT 50;
SELECT r.rating, r.body, u.name FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.product_id = :pid AND r.deleted_at IS NULL ORDER BY r.created_at DESC LIMIT 10;
SELECT avg(rating) FROM reviews WHERE product_id = :pid;
