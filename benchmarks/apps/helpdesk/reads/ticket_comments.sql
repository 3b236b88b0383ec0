\set t random_exponential(1, 1000000 * :scale, 6)
SELECT id, author_id, body, internal, created_at FROM comments WHERE ticket_id = :t ORDER BY created_at LIMIT 100;
