\set cid random(21, 400)
SELECT id, title, price_cents FROM products WHERE category_id = :cid AND status = 'active' AND deleted_at IS NULL ORDER BY price_cents LIMIT 24;
