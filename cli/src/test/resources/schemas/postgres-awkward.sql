CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE SCHEMA "App";
CREATE SCHEMA billing;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
CREATE TABLE "App"."Users" (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  "Email" text NOT NULL,
  key text NOT NULL, value jsonb, type text, name text COLLATE "C", status mood DEFAULT 'ok', comment text,
  level positive_int, position int, language text, data bytea, source text, action text, role text, owner text,
  version int, tags text[], full_name text GENERATED ALWAYS AS (name || ' ' || coalesce(comment, '')) STORED,
  created_at timestamptz DEFAULT now() NOT NULL, deleted_at timestamptz,
  CONSTRAINT users_level_check CHECK (level < 100),
  UNIQUE (key)
);
CREATE UNIQUE INDEX users_email_ci ON "App"."Users" (lower("Email"));
CREATE INDEX users_tags ON "App"."Users" USING gin (tags);
CREATE INDEX users_name_trgm ON "App"."Users" USING gin (name gin_trgm_ops);
CREATE INDEX users_live ON "App"."Users" (created_at) INCLUDE (name) WHERE deleted_at IS NULL;
CREATE TABLE billing.invoices (
  id bigserial, user_id bigint NOT NULL REFERENCES "App"."Users" (id) ON DELETE RESTRICT,
  amount numeric(12, 2) NOT NULL, issued_on date NOT NULL, "order" int, "select" text, PRIMARY KEY (id, issued_on)
) PARTITION BY RANGE (issued_on);
CREATE TABLE billing.invoices_2024 PARTITION OF billing.invoices FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE billing.invoices_2025 (LIKE billing.invoices INCLUDING ALL);
ALTER TABLE billing.invoices ATTACH PARTITION billing.invoices_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX invoices_user ON billing.invoices (user_id, issued_on DESC);
CREATE TABLE billing.rooms (id int PRIMARY KEY, during tstzrange);
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE billing.rooms ADD CONSTRAINT no_overlap EXCLUDE USING gist (id WITH =, during WITH &&);
CREATE VIEW "App".live_users AS SELECT id, name FROM "App"."Users" WHERE deleted_at IS NULL;
CREATE MATERIALIZED VIEW billing.totals AS SELECT user_id, sum(amount) AS total FROM billing.invoices GROUP BY user_id;
CREATE INDEX totals_user ON billing.totals (user_id);
CREATE FUNCTION "App".touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.version := coalesce(OLD.version, 0) + 1; RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON "App"."Users" FOR EACH ROW EXECUTE FUNCTION "App".touch();
ALTER TABLE "App"."Users" ENABLE ROW LEVEL SECURITY;
CREATE POLICY own ON "App"."Users" USING (owner = current_user);
COMMENT ON TABLE "App"."Users" IS 'people; with a ; semicolon and ''quotes''';
CREATE TABLE public.events (id bigint NOT NULL, at timestamptz NOT NULL, payload jsonb, PRIMARY KEY (id, at)) PARTITION BY HASH (id);
CREATE TABLE public.events_0 PARTITION OF public.events FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE public.events_1 PARTITION OF public.events FOR VALUES WITH (MODULUS 2, REMAINDER 1);
CREATE UNLOGGED TABLE public.cache (k text PRIMARY KEY, v text);
CREATE TABLE public.child (id int PRIMARY KEY, parent_key text REFERENCES "App"."Users" (key) ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED);
CREATE SEQUENCE public.counter;

