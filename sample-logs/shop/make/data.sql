INSERT INTO categories (slug, name) SELECT 'cat-' || g, 'Category ' || g FROM generate_series(1, 50) g;
INSERT INTO users (email, name, plan, created_at, deleted_at)
  SELECT 'user' || g || '@example.com', 'User ' || g, CASE WHEN g % 10 = 0 THEN 'pro' ELSE 'free' END,
         now() - (g || ' minutes')::interval, CASE WHEN g % 50 = 0 THEN now() END
  FROM generate_series(1, 20000) g;
INSERT INTO products (sku, name, category_id, price_cents, stock, deleted_at)
  SELECT 'SKU-' || g, 'Product ' || g, 1 + g % 50, 100 + g % 9000, g % 100, CASE WHEN g % 20 = 0 THEN now() END
  FROM generate_series(1, 5000) g;
INSERT INTO orders (user_id, status, user_email, total_cents, created_at)
  SELECT 1 + g % 20000, (ARRAY['pending','paid','shipped','cancelled'])[1 + g % 4],
         'user' || (1 + g % 20000) || '@example.com', g % 50000, now() - (g || ' seconds')::interval
  FROM generate_series(1, 150000) g;
INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)
  SELECT 1 + g % 150000, 1 + g % 5000, 1 + g % 3, 100 + g % 900 FROM generate_series(1, 400000) g;
INSERT INTO reviews (product_id, user_id, rating, body, deleted_at)
  SELECT 1 + g % 5000, 1 + g % 20000, 1 + g % 5, 'ok', CASE WHEN g % 15 = 0 THEN now() END
  FROM generate_series(1, 60000) g;
INSERT INTO sessions (user_id, token, expires_at)
  SELECT 1 + g % 20000, md5(g::text), now() + interval '1 day' - (g || ' seconds')::interval
  FROM generate_series(1, 40000) g;
INSERT INTO user_settings (user_id, pref_theme, notify_email, billing_plan)
  SELECT g, 'light', true, 'free' FROM generate_series(1, 20000) g;
INSERT INTO "AuditEvents" (user_id, "order", created_at)
  SELECT 1 + g % 20000, 'login', now() - (g || ' seconds')::interval FROM generate_series(1, 50000) g;
ANALYZE;
