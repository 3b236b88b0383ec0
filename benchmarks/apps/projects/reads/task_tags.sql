\set t random(1, 600000 * :scale - 20)
\set t1 :t + 1
\set t2 :t + 2
\set t3 :t + 3
\set t4 :t + 4
\set t5 :t + 5
\set t6 :t + 6
\set t7 :t + 7
\set t8 :t + 8
\set t9 :t + 9
SELECT ("projects_task_tags"."task_id") AS "_prefetch_related_val_task_id", "projects_tag"."id", "projects_tag"."organization_id", "projects_tag"."name" FROM "projects_tag" INNER JOIN "projects_task_tags" ON ("projects_tag"."id" = "projects_task_tags"."tag_id") WHERE "projects_task_tags"."task_id" IN (:t, :t1, :t2, :t3, :t4, :t5, :t6, :t7, :t8, :t9);
