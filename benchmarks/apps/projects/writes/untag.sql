\set t random(1, 600000 * :scale)
\set g random(1, 10000 * :scale)
DELETE FROM "projects_task_tags" WHERE ("projects_task_tags"."task_id" = :t AND "projects_task_tags"."tag_id" IN (:g, :g + 1));
