\set pid random(900000, 999999)
SELECT u.email, a."order", a.created_at FROM "AuditEvents" a JOIN users u ON u.id = a.user_id WHERE a.created_at > now() - interval '1 hour' ORDER BY a.created_at DESC LIMIT 50;
DELETE FROM products WHERE id = :pid;
