SELECT id, buyer_id, paid_at FROM orders WHERE status = 'paid' AND shipped_at IS NULL ORDER BY paid_at LIMIT 100;
