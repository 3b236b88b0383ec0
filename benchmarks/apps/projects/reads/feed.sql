\set org random_exponential(1, 2000 * :scale, 5)
\set page random(0, 2)
\set off :page * 30
SELECT "projects_activity"."id", "projects_activity"."actor_id", "projects_activity"."verb", "projects_activity"."target_type", "projects_activity"."target_id", "projects_activity"."created_at" FROM "projects_activity" WHERE "projects_activity"."organization_id" = :org ORDER BY "projects_activity"."created_at" DESC LIMIT 30 OFFSET :off;
