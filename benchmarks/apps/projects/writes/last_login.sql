\set uid random(1, 100000 * :scale)
UPDATE "auth_user" SET "last_login" = now() WHERE "auth_user"."id" = :uid;
