\set pid random_exponential(1, 20000 * :scale, 5)
\set uid random_exponential(1, 100000 * :scale, 6)
INSERT INTO "projects_task" ("id", "project_id", "assignee_id", "status", "priority", "title", "due_date", "metadata", "created_at", "updated_at", "completed_at", "deleted_at") VALUES (nextval('task_ids'), :pid, :uid, 'todo', 1, 'New task', CURRENT_DATE + 7, '{"source": "web"}', now(), now(), NULL, NULL) RETURNING "projects_task"."id";
