-- Skewed data for the bookings app at @scale (set by run-mariadb.sh; 1 = 200,000 users, 2 M reservations).
-- r(k) is a repeatable number in [0, 1) from the row's seq: CRC32 of seq and k. Powers of it skew: a few big
-- cities, busy venues and heavy users hold most rows. "Now" is 2026-12-08 12:00.
SET @now = TIMESTAMP '2026-12-08 12:00:00';
SET @users = 200000 * @scale, @venues = 30000 * @scale;
SET unique_checks = 0, foreign_key_checks = 0;

INSERT INTO cities (id, name, country_code, created_at, updated_at)
SELECT seq, CONCAT('City ', seq), ELT(1 + seq % 6, 'US', 'GB', 'DE', 'FR', 'ES', 'IT'), @now, @now
FROM seq_1_to_1000;

INSERT INTO users (id, email, encrypted_password, name, city_id, sign_in_count, last_sign_in_at, created_at, updated_at)
SELECT seq, CONCAT('user', seq, '@example.com'), SHA2(CONCAT('pw', seq), 256), CONCAT('User ', seq),
       1 + FLOOR(POW(CRC32(CONCAT(seq, 'c')) / 4294967296, 2) * 1000), seq % 97,
       @now - INTERVAL (CRC32(CONCAT(seq, 's')) % 90000) MINUTE,
       @now - INTERVAL (CRC32(CONCAT(seq, 'a')) % 1500) DAY, @now
FROM seq_1_to_800000 WHERE seq <= @users;

INSERT INTO venues (id, city_id, owner_id, name, slug, category, rating, seats, deleted_at, created_at, updated_at)
SELECT seq, 1 + FLOOR(POW(CRC32(CONCAT(seq, 'c')) / 4294967296, 3) * 1000), 1 + seq * 7 % @users,
       CONCAT(ELT(1 + CRC32(CONCAT(seq, 'n')) % 12, 'Blue', 'Golden', 'Little', 'Old', 'Green', 'Royal',
                  'Happy', 'Silver', 'Red', 'Corner', 'Harbour', 'Garden'), ' ',
              ELT(1 + CRC32(CONCAT(seq, 'k')) % 10, 'Kitchen', 'Table', 'Bistro', 'House', 'Grill', 'Cafe',
                  'Tavern', 'Diner', 'Bar', 'Room'), ' ', seq),
       CONCAT('venue-', seq),
       ELT(1 + CRC32(CONCAT(seq, 'g')) % 12, 'italian', 'japanese', 'mexican', 'indian', 'french', 'thai',
           'chinese', 'american', 'greek', 'spanish', 'vegan', 'seafood'),
       ROUND(1 + CRC32(CONCAT(seq, 'r')) % 400 / 100, 2), 20 + seq % 180,
       IF(seq % 31 = 0, @now - INTERVAL seq % 700 DAY, NULL),
       @now - INTERVAL (CRC32(CONCAT(seq, 'a')) % 2000) DAY, @now
FROM seq_1_to_120000 WHERE seq <= @venues;

-- Starts from 365 days ago to 60 days ahead; past ones completed (85%), cancelled or no-shows.
INSERT INTO reservations (user_id, venue_id, starts_at, party_size, status, notes, created_at, updated_at)
SELECT 1 + FLOOR(POW(CRC32(CONCAT(seq, 'u')) / 4294967296, 2) * @users),
       1 + FLOOR(POW(CRC32(CONCAT(seq, 'v')) / 4294967296, 3) * @venues),
       starts, 1 + seq % 8,
       IF(starts > @now, IF(seq % 5 = 0, 'pending', 'confirmed'),
          ELT(1 + LEAST(19, seq % 20), 'cancelled', 'cancelled', 'no_show', 'completed', 'completed', 'completed',
              'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed',
              'completed', 'completed', 'completed', 'completed', 'completed', 'completed', 'completed')),
       IF(seq % 9 = 0, 'window seat please', NULL),
       starts - INTERVAL (seq % 30) DAY, starts
FROM (SELECT seq, DATE(@now) - INTERVAL 365 DAY + INTERVAL (CRC32(CONCAT(seq, 't')) % (425 * 48)) * 30 MINUTE AS starts
      FROM seq_1_to_8000000 WHERE seq <= 2000000 * @scale) s;

INSERT INTO reviews (venue_id, user_id, rating, body, created_at, updated_at)
SELECT 1 + FLOOR(POW(CRC32(CONCAT(seq, 'v')) / 4294967296, 3) * @venues),
       1 + FLOOR(POW(CRC32(CONCAT(seq, 'u')) / 4294967296, 2) * @users),
       1 + seq % 5, REPEAT('Lovely evening, the food was good. ', 1 + seq % 6),
       @now - INTERVAL (CRC32(CONCAT(seq, 'a')) % 1000000) MINUTE, @now
FROM seq_1_to_2400000 WHERE seq <= 600000 * @scale;

INSERT INTO favorites (user_id, venue_id, created_at, updated_at)
SELECT 1 + FLOOR(POW(CRC32(CONCAT(seq, 'u')) / 4294967296, 2) * @users),
       1 + FLOOR(POW(CRC32(CONCAT(seq, 'v')) / 4294967296, 2) * @venues),
       @now - INTERVAL (CRC32(CONCAT(seq, 'a')) % 1000000) MINUTE, @now
FROM seq_1_to_1200000 WHERE seq <= 300000 * @scale;

-- Most notifications are read; the recent few per user are not.
INSERT INTO notifications (user_id, kind, payload, read_at, created_at, updated_at)
SELECT 1 + FLOOR(POW(CRC32(CONCAT(seq, 'u')) / 4294967296, 2) * @users),
       ELT(1 + seq % 5, 'reservation_confirmed', 'reminder', 'review_request', 'promotion', 'favorite_opening'),
       '{"v":1}', IF(CRC32(CONCAT(seq, 'r')) % 20 = 0, NULL, created - INTERVAL -3 HOUR), created, created
FROM (SELECT seq, @now - INTERVAL (CRC32(CONCAT(seq, 'a')) % 500000) MINUTE AS created
      FROM seq_1_to_6000000 WHERE seq <= 1500000 * @scale) s;

INSERT INTO api_tokens (user_id, token_digest, expires_at, created_at, updated_at)
SELECT 1 + seq % @users, SHA2(CONCAT('token', seq), 256), @now + INTERVAL (seq % 90) DAY, @now, @now
FROM seq_1_to_800000 WHERE seq <= 200000 * @scale;

-- delayed_job keeps failed jobs: most rows are old failures; a few hundred are due, thousands scheduled.
INSERT INTO delayed_jobs (priority, attempts, handler, last_error, run_at, locked_at, failed_at, locked_by, queue,
                          created_at, updated_at)
SELECT ELT(1 + seq % 3, 0, 10, 20), IF(failed, 25, seq % 3),
       CONCAT('--- !ruby/object:ActiveJob::QueueAdapters::DelayedJobAdapter::JobWrapper\njob_data:\n  job_class: ',
              ELT(1 + seq % 4, 'ReminderJob', 'ReceiptMailerJob', 'ReviewRequestJob', 'SyncCalendarJob'), '\n'),
       IF(failed, 'Net::ReadTimeout', NULL),
       IF(failed, @now - INTERVAL seq % 400 DAY, @now + INTERVAL CAST(seq % 20000 AS SIGNED) - 300 MINUTE),
       NULL, IF(failed, @now - INTERVAL seq % 400 DAY, NULL), NULL, ELT(1 + seq % 2, 'default', 'mailers'),
       @now - INTERVAL seq % 400 DAY, @now
FROM (SELECT seq, seq % 10 <> 0 AS failed FROM seq_1_to_400000 WHERE seq <= 100000 * @scale) s;

SET unique_checks = 1, foreign_key_checks = 1;
