\set uid random_exponential(1, 200000 * :scale, 4)
SELECT f.product_id, p.title, p.price_cents FROM favorites f JOIN products p ON p.id = f.product_id WHERE f.user_id = :uid ORDER BY f.created_at DESC LIMIT 50;
