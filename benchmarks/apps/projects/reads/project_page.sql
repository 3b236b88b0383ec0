\set pid random_exponential(1, 20000 * :scale, 5)
\set page random(0, 4)
\set off :page * 25
SELECT "projects_task"."id", "projects_task"."title", "projects_task"."status", "projects_task"."assignee_id", "projects_task"."updated_at" FROM "projects_task" WHERE ("projects_task"."project_id" = :pid AND "projects_task"."deleted_at" IS NULL) ORDER BY "projects_task"."updated_at" DESC LIMIT 25 OFFSET :off;
