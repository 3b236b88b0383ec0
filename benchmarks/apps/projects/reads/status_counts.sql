\set pid random_exponential(1, 20000 * :scale, 5)
SELECT "projects_task"."status", COUNT("projects_task"."id") AS "n" FROM "projects_task" WHERE ("projects_task"."project_id" = :pid AND "projects_task"."deleted_at" IS NULL) GROUP BY "projects_task"."status" ORDER BY "projects_task"."status" ASC;
