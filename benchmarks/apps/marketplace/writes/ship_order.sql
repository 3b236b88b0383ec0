\set oid random(1, 1000000 * :scale)
UPDATE orders SET status = 'shipped', shipped_at = now() WHERE id = :oid AND status = 'paid';
