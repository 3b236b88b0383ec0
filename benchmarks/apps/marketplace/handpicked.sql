-- A DBA's answer for this workload, from its queries in order of their total time in the captured log, best first:
-- the first ten are the "hand-picked 10".
CREATE INDEX hp_order_items_order ON order_items (order_id);
CREATE INDEX hp_messages_unread ON messages (recipient_id) WHERE read_at IS NULL;
CREATE INDEX hp_messages_recipient ON messages (recipient_id, created_at);
CREATE INDEX hp_messages_sender ON messages (sender_id, created_at);
CREATE INDEX hp_orders_buyer ON orders (buyer_id, created_at);
CREATE INDEX hp_reviews_product ON reviews (product_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX hp_products_category ON products (category_id, price_cents) WHERE deleted_at IS NULL;
CREATE INDEX hp_users_email ON users (lower(email));
CREATE INDEX hp_order_items_seller ON order_items (seller_id);
CREATE INDEX hp_orders_created ON orders (created_at);
CREATE INDEX hp_products_active ON products (category_id, price_cents) WHERE deleted_at IS NULL AND status = 'active';
CREATE INDEX hp_products_seller ON products (seller_id, updated_at) WHERE deleted_at IS NULL;
CREATE INDEX hp_reviews_user ON reviews (user_id, created_at);
CREATE INDEX hp_orders_queue ON orders (paid_at) WHERE status = 'paid' AND shipped_at IS NULL;
CREATE INDEX hp_favorites_user ON favorites (user_id, created_at);
CREATE INDEX hp_sellers_user ON sellers (user_id);
