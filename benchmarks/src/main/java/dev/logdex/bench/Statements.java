package dev.logdex.bench;

/** A realistic mix of application statements, as an ORM and hand-written code send them. */
final class Statements {
  private Statements() {}

  static final String[] MIX = {
    "SELECT u.id, u.email, u.name FROM users u WHERE u.email = 'someone@example.com' AND u.deleted_at IS NULL",
    "SELECT o.id, o.status, o.total_cents FROM orders o WHERE o.user_id = 48213 ORDER BY o.created_at DESC LIMIT 20",
    "UPDATE users SET last_login_at = '2026-11-27 08:00:00+00' WHERE id = 1234",
    "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES (1, 2, 3, 499), (1, 7, 1, 1299)",
    "SELECT p.id, p.name FROM products p WHERE p.category_id IN (3, 7, 9, 12, 15) AND p.price_cents BETWEEN 100 AND 5000",
    "SELECT oi.product_id, p.name, oi.quantity FROM order_items oi JOIN products p ON p.id = oi.product_id "
        + "WHERE oi.order_id = $1",
    "DELETE FROM sessions WHERE user_id = 991 AND expires_at < now() - interval '7 days'",
    "/* controller:checkout */ SELECT count(*) FROM orders WHERE status = 'pending' AND created_at < $1",
  };
}
