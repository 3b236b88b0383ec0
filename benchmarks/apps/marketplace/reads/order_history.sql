\set uid random_exponential(1, 200000 * :scale, 4)
SELECT id, status, total_cents, created_at FROM orders WHERE buyer_id = :uid ORDER BY created_at DESC LIMIT 20;
