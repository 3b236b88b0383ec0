-- A DBA's answer for this workload, from its queries in the order of their expected total time, best first,
-- written before the first run: the first ten are the "hand-picked 10".
CREATE INDEX hp_task_project ON "projects_task" ("project_id", "updated_at") WHERE "deleted_at" IS NULL;
CREATE INDEX hp_task_assignee ON "projects_task" ("assignee_id", "due_date") WHERE "deleted_at" IS NULL;
CREATE INDEX hp_comment_task ON "projects_comment" ("task_id");
CREATE INDEX hp_activity_org ON "projects_activity" ("organization_id", "created_at");
CREATE INDEX hp_project_org ON "projects_project" ("organization_id");
CREATE INDEX hp_user_email ON "auth_user" (UPPER("email"::text));
CREATE INDEX hp_task_tags_tag ON "projects_task_tags" ("tag_id");
CREATE INDEX hp_membership_user ON "projects_membership" ("user_id");
CREATE INDEX hp_task_external ON "projects_task" (("metadata" ->> 'external_id'));
CREATE INDEX hp_task_open_due ON "projects_task" ("project_id", "due_date") WHERE "completed_at" IS NULL AND "deleted_at" IS NULL;
CREATE INDEX hp_task_completed ON "projects_task" ("project_id", "completed_at");
