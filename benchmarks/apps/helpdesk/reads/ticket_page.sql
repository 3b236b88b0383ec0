\set t random_exponential(1, 1000000 * :scale, 6)
SELECT t.id, t.subject, t.status, u.full_name FROM tickets t JOIN users u ON u.id = t.reporter_id WHERE t.id = :t;
