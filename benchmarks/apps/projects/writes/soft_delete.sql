\set t random(1, 600000 * :scale)
UPDATE "projects_task" SET "deleted_at" = now(), "updated_at" = now() WHERE "projects_task"."id" = :t;
