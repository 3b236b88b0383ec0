\set pid random(1, 500000 * :scale)
UPDATE products SET price_cents = price_cents + 1, updated_at = now() WHERE id = :pid;
