\set uid random_exponential(1, 100000 * :scale, 6)
\set org random_exponential(1, 2000 * :scale, 5)
SELECT "projects_task"."id", "projects_task"."title", "projects_task"."status", "projects_task"."priority", "projects_task"."due_date" FROM "projects_task" INNER JOIN "projects_project" ON ("projects_task"."project_id" = "projects_project"."id") WHERE ("projects_project"."organization_id" = :org AND "projects_task"."assignee_id" = :uid AND "projects_task"."deleted_at" IS NULL AND NOT ("projects_task"."status" = 'done')) ORDER BY "projects_task"."due_date" ASC, "projects_task"."id" ASC LIMIT 50;
