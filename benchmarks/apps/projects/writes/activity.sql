\set org random_exponential(1, 2000 * :scale, 5)
\set uid random_exponential(1, 100000 * :scale, 6)
\set t random(1, 600000 * :scale)
INSERT INTO "projects_activity" ("id", "organization_id", "actor_id", "verb", "target_type", "target_id", "created_at") VALUES (nextval('activity_ids'), :org, :uid, 'updated', 'task', :t, now()) RETURNING "projects_activity"."id";
