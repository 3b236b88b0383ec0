\set a random_exponential(1, 200000 * :scale, 4)
\set b random_exponential(1, 200000 * :scale, 4)
INSERT INTO messages (id, sender_id, recipient_id, body, created_at) VALUES (nextval('ids'), :a, :b, 'hello', now());
