\set t random(1, 600000 * :scale)
SELECT "projects_task"."id", "projects_task"."project_id", "projects_task"."status" FROM "projects_task" WHERE ("projects_task"."metadata" ->> 'external_id') = ('EXT-' || :t) LIMIT 21;
