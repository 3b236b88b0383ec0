\set uid random(1, 100000 * :scale)
SELECT "auth_user"."id", "auth_user"."username", "auth_user"."email", "auth_user"."is_active", "auth_user"."date_joined", "auth_user"."last_login" FROM "auth_user" WHERE UPPER("auth_user"."email"::text) = UPPER('user' || :uid || '@example.org') LIMIT 21;
