-- logdex: apply with autocommit on (psql: no --single-transaction); CREATE INDEX CONCURRENTLY cannot run inside a transaction

-- logdex: index on messages (recipient_id)
-- why: one arm of an OR over sender_id, recipient_id: each arm needs its own index | foreign key messages(recipient_id) -> users has no index | +1 more (3 queries, 321 calls, 35,211.9 ms total)
-- estimated effect: 28,991.3 ms less over the analysed workload
-- serves 2e43b4735642e3cd (170 calls, 16,353.6 ms): SELECT count(*) FROM messages WHERE recipient_id = $1 AND read_at IS NULL
-- serves c6d4dfff2a755077 (99 calls, 10,833.2 ms): SELECT id, sender_id, recipient_id, body, created_at FROM messages WHERE sender_id = $1 OR recipient_id = $2 ORDER BY...
-- serves 12c9507cf3e65b4a (52 calls, 8,025.1 ms): UPDATE messages SET read_at = now() WHERE recipient_id = $1 AND read_at IS NULL
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_recipient_id ON messages (recipient_id);

-- logdex: index on order_items (order_id)
-- why: equality on order_id | foreign key order_items(order_id) -> orders has no index (1 query, 96 calls, 17,908.4 ms total)
-- estimated effect: 14,922.8 ms less over the analysed workload
-- serves 4e81405135a3de82 (96 calls, 17,908.4 ms): SELECT oi.quantity, oi.price_cents, p.id, p.title FROM order_items oi JOIN products p ON p.id = oi.product_id WHERE o...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_order_items_order_id ON order_items (order_id);

-- logdex: index on products (category_id, status, price_cents) WHERE deleted_at IS NULL
-- why: equality on category_id, status; serves ORDER BY price_cents (partial: deleted_at IS NULL) | foreign key products(category_id) -> categories has no index (2 queries, 218 calls, 17,017.7 ms total)
-- estimated effect: 12,698.1 ms less over the analysed workload
-- serves d93286ed88836af8 (137 calls, 10,539.2 ms): SELECT id, title, price_cents FROM products WHERE category_id = $1 AND status = $2 AND deleted_at IS NULL ORDER BY pr...
-- serves 55652e7cf3489c6d (81 calls, 6,478.5 ms): SELECT id, title, price_cents FROM products WHERE category_id = $1 AND price_cents BETWEEN $2 AND $3 + $4 AND deleted...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_products_category_id_status_price_cents_where_dele_fec811c4 ON products (category_id, status, price_cents) WHERE deleted_at IS NULL;

-- logdex: index on reviews (product_id, created_at) WHERE deleted_at IS NULL
-- why: equality on product_id; serves ORDER BY created_at (partial: deleted_at IS NULL) | foreign key reviews(product_id) -> products has no index (1 query, 196 calls, 12,637.2 ms total)
-- estimated effect: 12,636.7 ms less over the analysed workload
-- serves 780883896802c182 (196 calls, 12,637.2 ms): SELECT id, user_id, rating, body, created_at FROM reviews WHERE product_id = $1 AND deleted_at IS NULL ORDER BY creat...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_reviews_product_id_created_at_where_deleted_at_is_null ON reviews (product_id, created_at) WHERE deleted_at IS NULL;

-- logdex: index on orders (buyer_id, created_at)
-- why: equality on buyer_id; serves ORDER BY created_at | foreign key orders(buyer_id) -> users has no index (1 query, 101 calls, 9,957.2 ms total)
-- estimated effect: 9,955.2 ms less over the analysed workload
-- serves 5fc8b6effe6805e2 (101 calls, 9,957.2 ms): SELECT id, status, total_cents, created_at FROM orders WHERE buyer_id = $1 ORDER BY created_at DESC LIMIT $2
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_buyer_id_created_at ON orders (buyer_id, created_at);

-- logdex: index on users (lower(email)) WHERE deleted_at IS NULL
-- why: equality on lower(email); an index on the expression: one on the column alone does not serve it (partial: deleted_at IS NULL) (1 query, 70 calls, 6,462.2 ms total)
-- estimated effect: 6,462.2 ms less over the analysed workload
-- serves a188dd5c8be9a549 (70 calls, 6,462.2 ms): SELECT id, name, country FROM users WHERE lower(email) = lower($2 || $1 || $3) AND deleted_at IS NULL
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_lower_email_where_deleted_at_is_null ON users (lower(email)) WHERE deleted_at IS NULL;

-- logdex: index on order_items (seller_id)
-- why: equality on seller_id | foreign key order_items(seller_id) -> sellers has no index (1 query, 30 calls, 6,605.0 ms total)
-- estimated effect: 4,716.9 ms less over the analysed workload
-- serves 6725012d71902f25 (30 calls, 6,605.0 ms): SELECT oi.order_id, oi.product_id, oi.quantity, o.created_at FROM order_items oi JOIN orders o ON o.id = oi.order_id ...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_order_items_seller_id ON order_items (seller_id);

-- logdex: index on messages (sender_id)
-- why: one arm of an OR over sender_id, recipient_id: each arm needs its own index (1 query, 99 calls, 10,833.2 ms total)
-- estimated effect: 4,612.6 ms less over the analysed workload
-- serves c6d4dfff2a755077 (99 calls, 10,833.2 ms): SELECT id, sender_id, recipient_id, body, created_at FROM messages WHERE sender_id = $1 OR recipient_id = $2 ORDER BY...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender_id ON messages (sender_id);

-- logdex: index on products (seller_id, updated_at) WHERE deleted_at IS NULL
-- why: equality on seller_id; serves ORDER BY updated_at (partial: deleted_at IS NULL) | foreign key products(seller_id) -> sellers has no index (1 query, 55 calls, 4,376.5 ms total)
-- estimated effect: 4,375.8 ms less over the analysed workload
-- serves 20cad46587b84530 (55 calls, 4,376.5 ms): SELECT id, title, stock, status FROM products WHERE seller_id = $1 AND deleted_at IS NULL ORDER BY updated_at DESC LI...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_products_seller_id_updated_at_where_deleted_at_is_null ON products (seller_id, updated_at) WHERE deleted_at IS NULL;

-- logdex: index on products (category_id, price_cents) WHERE deleted_at IS NULL
-- why: equality on category_id; range on price_cents (partial: deleted_at IS NULL) | foreign key products(category_id) -> categories has no index (2 queries, 218 calls, 17,017.7 ms total)
-- estimated effect: 4,318.4 ms less over the analysed workload
-- serves d93286ed88836af8 (137 calls, 10,539.2 ms): SELECT id, title, price_cents FROM products WHERE category_id = $1 AND status = $2 AND deleted_at IS NULL ORDER BY pr...
-- serves 55652e7cf3489c6d (81 calls, 6,478.5 ms): SELECT id, title, price_cents FROM products WHERE category_id = $1 AND price_cents BETWEEN $2 AND $3 + $4 AND deleted...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_products_category_id_price_cents_where_deleted_at_is_null ON products (category_id, price_cents) WHERE deleted_at IS NULL;

