\set sid random_exponential(1, 5000 * :scale, 6)
SELECT oi.order_id, oi.product_id, oi.quantity, o.created_at FROM order_items oi JOIN orders o ON o.id = oi.order_id WHERE oi.seller_id = :sid AND o.status = 'paid' ORDER BY o.created_at LIMIT 50;
