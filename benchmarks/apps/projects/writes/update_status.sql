\set t random_exponential(1, 600000 * :scale, 3)
UPDATE "projects_task" SET "status" = 'in_progress', "updated_at" = now() WHERE "projects_task"."id" = :t;
