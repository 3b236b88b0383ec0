\set uid random_exponential(1, 150000 * :scale, 4)
\set t random(1, 1000000 * :scale)
INSERT INTO notifications (id, user_id, ticket_id, kind, created_at) VALUES (nextval('ids'), :uid, :t, 'replied', now());
