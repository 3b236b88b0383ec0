\set cid random(21, 400)
\set lo random(100, 40000)
SELECT id, title, price_cents FROM products WHERE category_id = :cid AND price_cents BETWEEN :lo AND :lo + 2000 AND deleted_at IS NULL LIMIT 50;
