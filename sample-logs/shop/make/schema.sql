CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email varchar(255) NOT NULL,
  name text NOT NULL,
  plan text NOT NULL DEFAULT 'free',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  deleted_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE categories (
  id serial PRIMARY KEY,
  parent_id integer REFERENCES categories (id),
  slug text NOT NULL UNIQUE,
  name text NOT NULL
);

CREATE TABLE products (
  id bigserial PRIMARY KEY,
  sku text NOT NULL,
  name text NOT NULL,
  category_id integer NOT NULL REFERENCES categories (id),
  price_cents integer NOT NULL,
  stock integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX products_sku_key ON products (sku);

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL,
  status text NOT NULL,
  user_email varchar(255),
  total_cents integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  shipped_at timestamptz
);
ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
CREATE INDEX orders_status_idx ON orders (status);
CREATE INDEX orders_status_created_idx ON orders (status, created_at);

CREATE TABLE order_items (
  id bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES products (id),
  quantity integer NOT NULL,
  unit_price_cents integer NOT NULL
);

CREATE TABLE reviews (
  id bigserial PRIMARY KEY,
  product_id bigint NOT NULL REFERENCES products (id),
  user_id bigint NOT NULL REFERENCES users (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  body text,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX reviews_user_idx ON reviews USING btree (user_id) WHERE deleted_at IS NULL;

CREATE TABLE sessions (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE "AuditEvents" (
  id bigserial PRIMARY KEY,
  user_id bigint,
  "order" text NOT NULL,
  payload jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_payload_gin ON "AuditEvents" USING gin (payload);
COMMENT ON TABLE users IS 'People who can sign in';

-- Shown by logdex lint: a duplicate index, a table without a primary key, a wide settings table.
CREATE INDEX sessions_token_idx ON sessions (token);
CREATE INDEX sessions_token_lookup ON sessions (token);

CREATE TABLE product_views (
  product_id bigint NOT NULL,
  user_id bigint,
  viewed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_settings (
  user_id bigint PRIMARY KEY REFERENCES users (id),
  pref_theme text, pref_language text, pref_timezone text, pref_currency text, pref_density text,
  pref_start_page text, pref_beta boolean,
  notify_email boolean, notify_sms boolean, notify_push boolean, notify_digest text, notify_quiet_from time,
  notify_quiet_to time, notify_marketing boolean,
  billing_plan text, billing_cycle text, billing_card_last4 text, billing_country text, billing_vat_id text,
  billing_email text, billing_renews_at timestamptz
);
