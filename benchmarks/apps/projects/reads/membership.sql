\set org random_exponential(1, 2000 * :scale, 5)
\set uid random(1, 100000 * :scale)
SELECT 1 AS "a" FROM "projects_membership" WHERE ("projects_membership"."organization_id" = :org AND "projects_membership"."user_id" = :uid) LIMIT 1;
