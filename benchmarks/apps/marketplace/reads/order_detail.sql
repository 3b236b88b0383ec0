\set oid random(1, 1000000 * :scale)
SELECT oi.quantity, oi.price_cents, p.id, p.title FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE oi.order_id = :oid;
