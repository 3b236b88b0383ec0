\set pid random_exponential(1, 20000 * :scale, 5)
\set n random(1, 999)
SELECT "projects_task"."id", "projects_task"."title" FROM "projects_task" WHERE ("projects_task"."project_id" = :pid AND UPPER("projects_task"."title"::text) LIKE UPPER('%' || :n || '%')) LIMIT 21;
