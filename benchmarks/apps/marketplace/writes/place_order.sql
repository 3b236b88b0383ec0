\set uid random_exponential(1, 200000 * :scale, 4)
\set pid random_exponential(1, 500000 * :scale, 8)
BEGIN;
INSERT INTO orders (id, buyer_id, status, total_cents, created_at, paid_at) VALUES (nextval('ids'), :uid, 'paid', 2500, now(), now()) RETURNING id AS order_id \gset
INSERT INTO order_items (id, order_id, product_id, seller_id, quantity, price_cents) SELECT nextval('ids'), :order_id, id, seller_id, 1, price_cents FROM products WHERE id = :pid;
UPDATE products SET stock = stock - 1, updated_at = now() WHERE id = :pid;
COMMIT;
