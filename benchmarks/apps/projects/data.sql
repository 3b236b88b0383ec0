-- Skewed data at scale :scale (1 = 100k users, 2,000 organizations, 20k projects, 600k tasks, 1.2M comments,
-- 900k task tags, 2M activity rows). A few organizations hold most projects, a few projects most tasks, a few users
-- most assignments (power laws); 70% of tasks are done, 5% soft-deleted; a task's metadata names where it came
-- from and, for a third, an external id.
\set users (100000 * :scale)
\set orgs (2000 * :scale)
\set projects (20000 * :scale)
\set tasks (600000 * :scale)
\set comments (1200000 * :scale)
\set tags (10000 * :scale)
\set tasktags (900000 * :scale)
\set activity (2000000 * :scale)
SELECT setseed(0.17);
INSERT INTO "auth_user"
SELECT i, 'user' || i, 'User' || i || '@Example.org', random() < 0.95, now() - random() * interval '1000 days',
       CASE WHEN random() < 0.8 THEN now() - random() * interval '60 days' END
FROM generate_series(1, :users) i;
INSERT INTO "projects_organization"
SELECT i, 'Org ' || i, 'org-' || i, now() - random() * interval '1500 days' FROM generate_series(1, :orgs) i;
INSERT INTO "projects_membership"
SELECT row_number() OVER (), o, u, (ARRAY['owner','admin','member','member','member','guest'])[1 + floor(random() * 6)::int],
       now() - random() * interval '900 days'
FROM (SELECT DISTINCT 1 + floor(:orgs * power(random(), 3))::int AS o, 1 + floor(:users * random())::int AS u
      FROM generate_series(1, 150000 * :scale)) m;
INSERT INTO "projects_project"
SELECT i, 1 + floor(:orgs * power(random(), 3))::int, 'Project ' || i, random() < 0.3,
       now() - random() * interval '900 days'
FROM generate_series(1, :projects) i;
INSERT INTO "projects_task"
SELECT i, 1 + floor(:projects * power(random(), 3))::int,
       CASE WHEN random() < 0.9 THEN 1 + floor(:users * power(random(), 4))::int END,
       CASE WHEN r < 0.70 THEN 'done' WHEN r < 0.82 THEN 'todo' WHEN r < 0.94 THEN 'in_progress' ELSE 'review' END,
       floor(random() * 4)::smallint, 'Task ' || i || ' ' || md5(i::text),
       (now() + (random() * 120 - 60) * interval '1 day')::date,
       CASE WHEN random() < 0.33 THEN jsonb_build_object('source', 'import', 'external_id', 'EXT-' || i)
            ELSE jsonb_build_object('source', (ARRAY['web','email','api'])[1 + floor(random() * 3)::int]) END,
       c, c + random() * interval '30 days',
       CASE WHEN r < 0.70 THEN c + random() * interval '40 days' END,
       CASE WHEN random() < 0.05 THEN c + interval '50 days' END
FROM (SELECT i, random() AS r, now() - power(random(), 2) * interval '700 days' AS c
      FROM generate_series(1, :tasks) i) t;
INSERT INTO "projects_comment"
SELECT i, 1 + floor(:tasks * power(random(), 2))::bigint, 1 + floor(:users * power(random(), 3))::int,
       'comment ' || i, now() - power(random(), 2) * interval '700 days'
FROM generate_series(1, :comments) i;
INSERT INTO "projects_tag"
SELECT i, 1 + floor(:orgs * power(random(), 3))::int, 'tag' || i FROM generate_series(1, :tags) i;
INSERT INTO "projects_task_tags"
SELECT row_number() OVER (), t, g
FROM (SELECT DISTINCT 1 + floor(:tasks * random())::bigint AS t, 1 + floor(:tags * power(random(), 2))::int AS g
      FROM generate_series(1, :tasktags)) x;
INSERT INTO "projects_activity"
SELECT i, 1 + floor(:orgs * power(random(), 3))::int, 1 + floor(:users * power(random(), 3))::int,
       (ARRAY['created','updated','commented','closed'])[1 + floor(random() * 4)::int], 'task',
       1 + floor(:tasks * random())::bigint, now() - power(random(), 2) * interval '700 days'
FROM generate_series(1, :activity) i;
VACUUM ANALYZE;
