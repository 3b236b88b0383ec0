\set sid random_exponential(1, 5000 * :scale, 6)
SELECT id, title, stock, status FROM products WHERE seller_id = :sid AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 50;
