SELECT date_trunc('day', created_at) AS day, count(*), sum(total_cents) FROM orders WHERE created_at >= now() - interval '7 days' GROUP BY 1 ORDER BY 1;
