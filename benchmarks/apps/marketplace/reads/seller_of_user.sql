\set uid random_exponential(1, 200000 * :scale, 4)
SELECT id, name, rating FROM sellers WHERE user_id = :uid;
