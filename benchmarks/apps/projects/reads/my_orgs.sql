\set uid random(1, 100000 * :scale)
SELECT "projects_organization"."id", "projects_organization"."name", "projects_organization"."slug" FROM "projects_organization" INNER JOIN "projects_membership" ON ("projects_organization"."id" = "projects_membership"."organization_id") WHERE "projects_membership"."user_id" = :uid ORDER BY "projects_organization"."name" ASC;
