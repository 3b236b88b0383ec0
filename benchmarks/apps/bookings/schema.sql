-- A restaurant-booking app as Rails (ActiveRecord, mysql2) builds it on MariaDB: bigint ids, datetime(6)
-- timestamps, an index for each `t.references`, and the older tables' plain integer columns with none.
-- Keys and the indexes the app shipped with only; logdex is asked for the rest.
CREATE TABLE cities (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(255) NOT NULL,
  country_code char(2) NOT NULL,
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email varchar(255) NOT NULL DEFAULT '',
  encrypted_password varchar(255) NOT NULL DEFAULT '',
  name varchar(255),
  city_id bigint,
  sign_in_count int NOT NULL DEFAULT 0,
  last_sign_in_at datetime(6),
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL,
  UNIQUE KEY index_users_on_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE venues (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  city_id bigint NOT NULL,
  owner_id bigint NOT NULL,
  name varchar(255) NOT NULL,
  slug varchar(255) NOT NULL,
  category varchar(255) NOT NULL,
  rating decimal(3,2) NOT NULL DEFAULT 0,
  seats int NOT NULL,
  deleted_at datetime(6),
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL,
  KEY index_venues_on_city_id (city_id),
  CONSTRAINT fk_rails_venues_city FOREIGN KEY (city_id) REFERENCES cities (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE reservations (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id bigint NOT NULL,
  venue_id bigint NOT NULL,
  starts_at datetime(6) NOT NULL,
  party_size int NOT NULL,
  status varchar(255) NOT NULL DEFAULT 'pending',
  notes text,
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL,
  KEY index_reservations_on_user_id (user_id),
  KEY index_reservations_on_venue_id (venue_id),
  CONSTRAINT fk_rails_reservations_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_rails_reservations_venue FOREIGN KEY (venue_id) REFERENCES venues (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The first release's tables: integer columns and no constraints.
CREATE TABLE reviews (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  venue_id int NOT NULL,
  user_id int NOT NULL,
  rating int NOT NULL,
  body text,
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE favorites (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id int NOT NULL,
  venue_id int NOT NULL,
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE notifications (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id int NOT NULL,
  kind varchar(255) NOT NULL,
  payload text,
  read_at datetime(6),
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_tokens (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id int NOT NULL,
  token_digest char(64) NOT NULL,
  expires_at datetime(6) NOT NULL,
  created_at datetime(6) NOT NULL,
  updated_at datetime(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- delayed_job's table, without the (priority, run_at) index its generator adds.
CREATE TABLE delayed_jobs (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  priority int NOT NULL DEFAULT 0,
  attempts int NOT NULL DEFAULT 0,
  handler longtext NOT NULL,
  last_error longtext,
  run_at datetime(6),
  locked_at datetime(6),
  failed_at datetime(6),
  locked_by varchar(255),
  queue varchar(255),
  created_at datetime(6),
  updated_at datetime(6)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
