-- A DBA's indexes for the bookings app, most valuable first, written from its statements before logdex was
-- first run on it. One statement per line: run-mariadb.sh takes the first N lines for "hand-N".
CREATE INDEX index_notifications_on_user_id_and_read_at ON notifications (user_id, read_at);
CREATE INDEX index_reviews_on_venue_id_and_created_at ON reviews (venue_id, created_at);
CREATE UNIQUE INDEX index_api_tokens_on_token_digest ON api_tokens (token_digest);
CREATE INDEX index_notifications_on_user_id_and_created_at ON notifications (user_id, created_at);
CREATE UNIQUE INDEX index_venues_on_slug ON venues (slug);
CREATE INDEX index_reservations_on_venue_id_and_starts_at ON reservations (venue_id, starts_at);
CREATE INDEX index_favorites_on_user_id_and_venue_id ON favorites (user_id, venue_id);
CREATE INDEX index_reservations_on_user_id_and_starts_at ON reservations (user_id, starts_at);
CREATE INDEX index_delayed_jobs_on_failed_at_and_priority_and_run_at ON delayed_jobs (failed_at, priority, run_at);
CREATE INDEX index_venues_on_city_id_and_category_and_rating ON venues (city_id, category, rating);
CREATE INDEX index_reservations_on_created_at ON reservations (created_at);
CREATE INDEX index_venues_on_name ON venues (name);
