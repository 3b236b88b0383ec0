-- A multi-tenant helpdesk: tenants, agents and customers, tickets with a skewed status, comments, labels, in-app
-- notifications and an append-only event log used for reports. Keys and foreign keys only.
CREATE TABLE tenants (
  id int PRIMARY KEY,
  name text NOT NULL,
  plan text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE users (
  id bigint PRIMARY KEY,
  tenant_id int NOT NULL REFERENCES tenants (id),
  email text NOT NULL,
  full_name text NOT NULL,
  role text NOT NULL,
  last_seen_at timestamptz,
  UNIQUE (tenant_id, email)
);
CREATE TABLE tickets (
  id bigint PRIMARY KEY,
  tenant_id int NOT NULL REFERENCES tenants (id),
  reporter_id bigint NOT NULL REFERENCES users (id),
  assignee_id bigint REFERENCES users (id),
  subject text NOT NULL,
  status text NOT NULL,
  priority int NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  due_at timestamptz,
  closed_at timestamptz
);
CREATE TABLE comments (
  id bigint PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  author_id bigint NOT NULL REFERENCES users (id),
  body text NOT NULL,
  internal boolean NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE labels (
  id int PRIMARY KEY,
  tenant_id int NOT NULL REFERENCES tenants (id),
  name text NOT NULL
);
CREATE TABLE ticket_labels (
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  label_id int NOT NULL REFERENCES labels (id),
  PRIMARY KEY (ticket_id, label_id)
);
CREATE TABLE notifications (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  ticket_id bigint REFERENCES tickets (id),
  kind text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE TABLE events (
  id bigint PRIMARY KEY,
  tenant_id int NOT NULL,
  ticket_id bigint,
  actor_id bigint,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL
);
CREATE SEQUENCE ids START 100000000;
