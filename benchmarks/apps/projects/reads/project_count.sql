\set pid random_exponential(1, 20000 * :scale, 5)
SELECT COUNT(*) AS "__count" FROM "projects_task" WHERE ("projects_task"."project_id" = :pid AND "projects_task"."deleted_at" IS NULL);
