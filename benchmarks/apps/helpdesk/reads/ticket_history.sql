\set t random_exponential(1, 1000000 * :scale, 6)
SELECT id, actor_id, kind, occurred_at FROM events WHERE ticket_id = :t ORDER BY occurred_at;
