\set t random_exponential(1, 1000000 * :scale, 6)
\set uid random(1, 150000 * :scale)
INSERT INTO comments (id, ticket_id, author_id, body, internal, created_at) VALUES (nextval('ids'), :t, :uid, 'on it', false, now());
UPDATE tickets SET updated_at = now() WHERE id = :t;
