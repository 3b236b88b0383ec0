-- A project tracker as a Django app writes it: organizations, members, projects, tasks with soft deletes and a
-- jsonb column, comments, tags (a many-to-many table) and an activity feed. Table and column names as Django makes
-- them; its SQL (reads/, writes/) as the ORM writes it: quoted, table-qualified, IN lists from prefetches, U0
-- subqueries, UPPER(...::text) for case-insensitive lookups, LIMIT 21 for .get().
-- Primary keys, unique constraints and foreign keys only, without the indexes Django would add on each foreign key:
-- the indexes are what logdex is asked for.
CREATE TABLE "auth_user" (
  "id" integer PRIMARY KEY,
  "username" varchar(150) NOT NULL UNIQUE,
  "email" varchar(254) NOT NULL,
  "is_active" boolean NOT NULL,
  "date_joined" timestamptz NOT NULL,
  "last_login" timestamptz
);
CREATE TABLE "projects_organization" (
  "id" integer PRIMARY KEY,
  "name" varchar(100) NOT NULL,
  "slug" varchar(50) NOT NULL UNIQUE,
  "created_at" timestamptz NOT NULL
);
CREATE TABLE "projects_membership" (
  "id" integer PRIMARY KEY,
  "organization_id" integer NOT NULL REFERENCES "projects_organization" ("id") DEFERRABLE INITIALLY DEFERRED,
  "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED,
  "role" varchar(20) NOT NULL,
  "created_at" timestamptz NOT NULL,
  CONSTRAINT "projects_membership_organization_id_user_id_uniq" UNIQUE ("organization_id", "user_id")
);
CREATE TABLE "projects_project" (
  "id" integer PRIMARY KEY,
  "organization_id" integer NOT NULL REFERENCES "projects_organization" ("id") DEFERRABLE INITIALLY DEFERRED,
  "name" varchar(200) NOT NULL,
  "archived" boolean NOT NULL,
  "created_at" timestamptz NOT NULL
);
CREATE TABLE "projects_task" (
  "id" bigint PRIMARY KEY,
  "project_id" integer NOT NULL REFERENCES "projects_project" ("id") DEFERRABLE INITIALLY DEFERRED,
  "assignee_id" integer REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED,
  "status" varchar(20) NOT NULL,
  "priority" smallint NOT NULL,
  "title" varchar(200) NOT NULL,
  "due_date" date,
  "metadata" jsonb NOT NULL,
  "created_at" timestamptz NOT NULL,
  "updated_at" timestamptz NOT NULL,
  "completed_at" timestamptz,
  "deleted_at" timestamptz
);
CREATE TABLE "projects_comment" (
  "id" bigint PRIMARY KEY,
  "task_id" bigint NOT NULL REFERENCES "projects_task" ("id") DEFERRABLE INITIALLY DEFERRED,
  "author_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED,
  "body" text NOT NULL,
  "created_at" timestamptz NOT NULL
);
CREATE TABLE "projects_tag" (
  "id" integer PRIMARY KEY,
  "organization_id" integer NOT NULL REFERENCES "projects_organization" ("id") DEFERRABLE INITIALLY DEFERRED,
  "name" varchar(50) NOT NULL
);
CREATE TABLE "projects_task_tags" (
  "id" bigint PRIMARY KEY,
  "task_id" bigint NOT NULL REFERENCES "projects_task" ("id") DEFERRABLE INITIALLY DEFERRED,
  "tag_id" integer NOT NULL REFERENCES "projects_tag" ("id") DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT "projects_task_tags_task_id_tag_id_uniq" UNIQUE ("task_id", "tag_id")
);
CREATE TABLE "projects_activity" (
  "id" bigint PRIMARY KEY,
  "organization_id" integer NOT NULL REFERENCES "projects_organization" ("id") DEFERRABLE INITIALLY DEFERRED,
  "actor_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED,
  "verb" varchar(30) NOT NULL,
  "target_type" varchar(30) NOT NULL,
  "target_id" bigint NOT NULL,
  "created_at" timestamptz NOT NULL
);
CREATE SEQUENCE task_ids START 10000000;
CREATE SEQUENCE comment_ids START 10000000;
CREATE SEQUENCE activity_ids START 100000000;
