\set g random_exponential(1, 10000 * :scale, 4)
SELECT "projects_task"."id", "projects_task"."title", "projects_task"."status" FROM "projects_task" INNER JOIN "projects_task_tags" ON ("projects_task"."id" = "projects_task_tags"."task_id") WHERE ("projects_task_tags"."tag_id" = :g AND "projects_task"."deleted_at" IS NULL) ORDER BY "projects_task"."created_at" DESC LIMIT 50;
