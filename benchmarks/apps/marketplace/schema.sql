-- A marketplace: buyers and sellers, a catalogue with soft deletes, orders, reviews and messages.
-- Primary keys, unique constraints and foreign keys only: the indexes are what logdex is asked for.
CREATE TABLE users (
  id bigint PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  country char(2) NOT NULL,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz
);
CREATE TABLE sellers (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  name text NOT NULL,
  rating numeric(3, 2),
  created_at timestamptz NOT NULL
);
CREATE TABLE categories (
  id int PRIMARY KEY,
  parent_id int REFERENCES categories (id),
  name text NOT NULL
);
CREATE TABLE products (
  id bigint PRIMARY KEY,
  seller_id bigint NOT NULL REFERENCES sellers (id),
  category_id int NOT NULL REFERENCES categories (id),
  title text NOT NULL,
  price_cents int NOT NULL,
  status text NOT NULL,
  stock int NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz
);
CREATE TABLE orders (
  id bigint PRIMARY KEY,
  buyer_id bigint NOT NULL REFERENCES users (id),
  status text NOT NULL,
  total_cents int NOT NULL,
  created_at timestamptz NOT NULL,
  paid_at timestamptz,
  shipped_at timestamptz
);
CREATE TABLE order_items (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id),
  product_id bigint NOT NULL REFERENCES products (id),
  seller_id bigint NOT NULL REFERENCES sellers (id),
  quantity int NOT NULL,
  price_cents int NOT NULL
);
CREATE TABLE reviews (
  id bigint PRIMARY KEY,
  product_id bigint NOT NULL REFERENCES products (id),
  user_id bigint NOT NULL REFERENCES users (id),
  rating int NOT NULL,
  body text,
  created_at timestamptz NOT NULL,
  deleted_at timestamptz
);
CREATE TABLE messages (
  id bigint PRIMARY KEY,
  sender_id bigint NOT NULL REFERENCES users (id),
  recipient_id bigint NOT NULL REFERENCES users (id),
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE TABLE favorites (
  user_id bigint NOT NULL REFERENCES users (id),
  product_id bigint NOT NULL REFERENCES products (id),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, product_id)
);
CREATE SEQUENCE ids START 100000000;
