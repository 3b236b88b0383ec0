\set t random_exponential(1, 600000 * :scale, 3)
\set t1 :t + 1
\set t2 :t + 2
\set t3 :t + 3
\set t4 :t + 4
\set t5 :t + 5
\set t6 :t + 6
\set t7 :t + 7
\set t8 :t + 8
\set t9 :t + 9
SELECT "projects_comment"."id", "projects_comment"."task_id", "projects_comment"."author_id", "projects_comment"."body", "projects_comment"."created_at" FROM "projects_comment" WHERE "projects_comment"."task_id" IN (:t, :t1, :t2, :t3, :t4, :t5, :t6, :t7, :t8, :t9) ORDER BY "projects_comment"."created_at" ASC;
