\set t random_exponential(1, 600000 * :scale, 3)
\set uid random_exponential(1, 100000 * :scale, 6)
INSERT INTO "projects_comment" ("id", "task_id", "author_id", "body", "created_at") VALUES (nextval('comment_ids'), :t, :uid, 'a comment', now()) RETURNING "projects_comment"."id";
