\set t random(1, 1000000 * :scale)
UPDATE tickets SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = :t AND status <> 'closed';
