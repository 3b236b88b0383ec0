\set uid random(1, 20000)
\set oid random(1, 150000)
SELECT o.id, o.status, o.total_cents, o.created_at FROM orders o WHERE o.user_id = :uid ORDER BY o.created_at DESC LIMIT 20;
SELECT oi.product_id, p.name, oi.quantity FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE oi.order_id = :oid;
SELECT count(*) FROM orders WHERE status = 'pending' AND created_at < now() - interval '1 hour';
