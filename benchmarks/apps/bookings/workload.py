#!/usr/bin/env python3
"""The bookings app's statements as Rails (ActiveRecord 7, mysql2) writes them, with values, on stdout.

    workload.py day SEED N     N statements of every shape, reads and writes by weight (the captured day)
    workload.py reads SEED N   N statements of the read shapes only (what run-mariadb.sh times)
    workload.py shapes SEED 1  one statement of each shape, one per line (shapes.sql, which the parser tests read)

Values are drawn as the data is skewed (data.sql): a few venues and users are much busier than the rest.
Scale comes from SCALE in the environment (default 1)."""
import hashlib
import os
import random
import sys
from datetime import datetime, timedelta

SCALE = float(os.environ.get("SCALE", "1"))
USERS, VENUES = int(200000 * SCALE), int(30000 * SCALE)
JOBS, TOKENS, FAVORITES, RESERVATIONS = int(100000 * SCALE), int(200000 * SCALE), int(300000 * SCALE), int(2000000 * SCALE)
NOW = datetime(2026, 12, 8, 12, 0, 0)
CATEGORIES = ["italian", "japanese", "mexican", "indian", "french", "thai", "chinese", "american", "greek",
              "spanish", "vegan", "seafood"]
WORDS = ["Blue", "Golden", "Little", "Old", "Green", "Royal", "Happy", "Silver", "Red", "Corner", "Harbour", "Garden"]
KINDS = ["Kitchen", "Table", "Bistro", "House", "Grill", "Cafe", "Tavern", "Diner", "Bar", "Room"]


def ts(t, micros=True):
    return "'" + t.strftime("%Y-%m-%d %H:%M:%S") + (".%06d" % t.microsecond if micros else "") + "'"


class Shapes:
    def __init__(self, rnd):
        self.r = rnd

    def user(self):
        return 1 + int(self.r.random() ** 2 * USERS)

    def venue(self, power=3):
        return 1 + int(self.r.random() ** power * VENUES)

    def city(self):
        return 1 + int(self.r.random() ** 3 * 1000)

    def now(self):
        return NOW + timedelta(seconds=self.r.randrange(3600), microseconds=self.r.randrange(1000000))

    # reads
    def venue_page(self):
        return f"SELECT `venues`.* FROM `venues` WHERE `venues`.`slug` = 'venue-{self.venue(2)}' LIMIT 1"

    def venue_reviews(self):
        return (f"SELECT `reviews`.* FROM `reviews` WHERE `reviews`.`venue_id` = {self.venue()} "
                "ORDER BY `reviews`.`created_at` DESC LIMIT 10")

    def review_count(self):
        return f"SELECT COUNT(*) FROM `reviews` WHERE `reviews`.`venue_id` = {self.venue()}"

    def rating(self):
        return f"SELECT AVG(`reviews`.`rating`) FROM `reviews` WHERE `reviews`.`venue_id` = {self.venue()}"

    def city_listing(self):
        return (f"SELECT `venues`.* FROM `venues` WHERE `venues`.`deleted_at` IS NULL AND `venues`.`city_id` = "
                f"{self.city()} AND `venues`.`category` = '{self.r.choice(CATEGORIES)}' "
                f"ORDER BY `venues`.`rating` DESC LIMIT 24 OFFSET {24 * self.r.choice([0, 0, 0, 1, 2])}")

    def my_upcoming(self):
        return (f"SELECT `reservations`.* FROM `reservations` WHERE `reservations`.`user_id` = {self.user()} AND "
                f"`reservations`.`starts_at` >= {ts(self.now())} ORDER BY `reservations`.`starts_at` ASC LIMIT 20")

    def venue_day(self):
        day = NOW.replace(hour=0, minute=0) + timedelta(days=self.r.randrange(-3, 30))
        return (f"SELECT `reservations`.* FROM `reservations` WHERE `reservations`.`venue_id` = {self.venue()} AND "
                f"`reservations`.`starts_at` BETWEEN {ts(day, False)} AND "
                f"'{day.strftime('%Y-%m-%d')} 23:59:59.999999' AND `reservations`.`status` IN ('confirmed', 'pending') "
                "ORDER BY `reservations`.`starts_at` ASC")

    def slot_taken(self):
        slot = NOW.replace(minute=0) + timedelta(minutes=30 * self.r.randrange(0, 2000))
        return (f"SELECT 1 AS one FROM `reservations` WHERE `reservations`.`venue_id` = {self.venue()} AND "
                f"`reservations`.`starts_at` = {ts(slot, False)} AND `reservations`.`status` != 'cancelled' LIMIT 1")

    def unread_count(self):
        return (f"SELECT COUNT(*) FROM `notifications` WHERE `notifications`.`user_id` = {self.user()} "
                "AND `notifications`.`read_at` IS NULL")

    def notification_list(self):
        return (f"SELECT `notifications`.* FROM `notifications` WHERE `notifications`.`user_id` = {self.user()} "
                "ORDER BY `notifications`.`created_at` DESC LIMIT 20")

    def api_auth(self):
        digest = hashlib.sha256(f"token{self.r.randrange(1, TOKENS + 1)}".encode()).hexdigest()
        return (f"SELECT `api_tokens`.* FROM `api_tokens` WHERE `api_tokens`.`token_digest` = '{digest}' "
                f"AND (expires_at > {ts(self.now())}) LIMIT 1")

    def current_user(self):
        return f"SELECT `users`.* FROM `users` WHERE `users`.`id` = {self.user()} LIMIT 1"

    def favorite_venues(self):
        return (f"SELECT `venues`.* FROM `venues` INNER JOIN `favorites` ON `venues`.`id` = `favorites`.`venue_id` "
                f"WHERE `favorites`.`user_id` = {self.user()} ORDER BY `favorites`.`created_at` DESC LIMIT 20")

    def favorited(self):
        return (f"SELECT 1 AS one FROM `favorites` WHERE `favorites`.`user_id` = {self.user()} AND "
                f"`favorites`.`venue_id` = {self.venue(2)} LIMIT 1")

    def review_authors(self):
        ids = ", ".join(str(self.user()) for _ in range(10))
        return f"SELECT `users`.* FROM `users` WHERE `users`.`id` IN ({ids})"

    def search(self):
        prefix = self.r.choice(WORDS) + (" " + self.r.choice(KINDS) if self.r.random() < 0.5 else "")
        return (f"SELECT `venues`.* FROM `venues` WHERE `venues`.`deleted_at` IS NULL AND "
                f"(`venues`.`name` LIKE '{prefix}%') LIMIT 20")

    def login(self):
        return f"SELECT `users`.* FROM `users` WHERE `users`.`email` = 'user{self.user()}@example.com' LIMIT 1"

    def daily_report(self):
        day = NOW.replace(hour=0, minute=0) - timedelta(days=self.r.randrange(1, 60))
        return ("SELECT `reservations`.`status` AS reservations_status, COUNT(*) AS count_all FROM `reservations` "
                f"WHERE `reservations`.`created_at` BETWEEN {ts(day, False)} AND {ts(day + timedelta(days=1), False)} "
                "GROUP BY `reservations`.`status`")

    def queue_depth(self):
        return (f"SELECT COUNT(*) FROM `delayed_jobs` WHERE `delayed_jobs`.`failed_at` IS NULL AND "
                f"(run_at <= {ts(self.now())})")

    # writes
    def new_reservation(self):
        t = self.now()
        starts = NOW.replace(minute=0) + timedelta(minutes=30 * self.r.randrange(0, 2000))
        return ("BEGIN;\nINSERT INTO `reservations` (`user_id`, `venue_id`, `starts_at`, `party_size`, `status`, "
                f"`created_at`, `updated_at`) VALUES ({self.user()}, {self.venue()}, {ts(starts)}, "
                f"{self.r.randrange(1, 9)}, 'pending', {ts(t)}, {ts(t)});\nCOMMIT")

    def cancel(self):
        t = self.now()
        return (f"BEGIN;\nUPDATE `reservations` SET `reservations`.`status` = 'cancelled', `reservations`.`updated_at` = "
                f"{ts(t)} WHERE `reservations`.`id` = {self.r.randrange(1, RESERVATIONS)};\nCOMMIT")

    def mark_read(self):
        return (f"UPDATE `notifications` SET `notifications`.`read_at` = {ts(self.now())} WHERE "
                f"`notifications`.`user_id` = {self.user()} AND `notifications`.`read_at` IS NULL")

    def notify(self):
        t = self.now()
        return ("INSERT INTO `notifications` (`user_id`, `kind`, `payload`, `created_at`, `updated_at`) VALUES "
                f"({self.user()}, 'reminder', '{{\"reservation_id\":{self.r.randrange(RESERVATIONS)}}}', {ts(t)}, {ts(t)})")

    def reserve_job(self):
        # delayed_job_active_record's reserve on MySQL: one UPDATE, then the row it locked, then its delete.
        t, worker = self.now(), f"host:worker{self.r.randrange(1, 5)} pid:{self.r.randrange(1000, 9999)}"
        stale = t - timedelta(hours=4)
        return ("UPDATE `delayed_jobs` SET `delayed_jobs`.`locked_at` = " + ts(t) + ", `delayed_jobs`.`locked_by` = "
                f"'{worker}' WHERE ((run_at <= {ts(t)} AND (locked_at IS NULL OR locked_at < {ts(stale)}) OR "
                f"locked_by = '{worker}') AND failed_at IS NULL) ORDER BY priority ASC, run_at ASC LIMIT 1;\n"
                f"SELECT `delayed_jobs`.* FROM `delayed_jobs` WHERE `delayed_jobs`.`locked_at` = {ts(t)} AND "
                f"`delayed_jobs`.`locked_by` = '{worker}' AND `delayed_jobs`.`failed_at` IS NULL LIMIT 1;\n"
                f"BEGIN;\nDELETE FROM `delayed_jobs` WHERE `delayed_jobs`.`id` = {10 * self.r.randrange(1, JOBS // 10)};\nCOMMIT")

    def enqueue(self):
        t = self.now()
        return ("BEGIN;\nINSERT INTO `delayed_jobs` (`priority`, `handler`, `run_at`, `queue`, `created_at`, `updated_at`) "
                f"VALUES (0, '--- !ruby/object:ActiveJob::QueueAdapters::DelayedJobAdapter::JobWrapper\\njob_data:\\n  "
                f"job_class: ReminderJob\\n', {ts(t + timedelta(minutes=self.r.randrange(0, 600)))}, 'mailers', "
                f"{ts(t)}, {ts(t)});\nCOMMIT")

    def favorite(self):
        t = self.now()
        if self.r.random() < 0.5:
            return ("BEGIN;\nINSERT INTO `favorites` (`user_id`, `venue_id`, `created_at`, `updated_at`) VALUES "
                    f"({self.user()}, {self.venue(2)}, {ts(t)}, {ts(t)});\nCOMMIT")
        return f"BEGIN;\nDELETE FROM `favorites` WHERE `favorites`.`id` = {self.r.randrange(1, FAVORITES)};\nCOMMIT"

    def sign_in(self):
        t = self.now()
        return (f"BEGIN;\nUPDATE `users` SET `users`.`sign_in_count` = {self.r.randrange(1, 100)}, "
                f"`users`.`last_sign_in_at` = {ts(t)}, `users`.`updated_at` = {ts(t)} WHERE `users`.`id` = "
                f"{self.user()};\nCOMMIT")

    def new_review(self):
        t = self.now()
        return ("BEGIN;\nINSERT INTO `reviews` (`venue_id`, `user_id`, `rating`, `body`, `created_at`, `updated_at`) "
                f"VALUES ({self.venue()}, {self.user()}, {self.r.randrange(1, 6)}, 'It''s a lovely place', {ts(t)}, "
                f"{ts(t)});\nCOMMIT")


READS = {"venue_page": 15, "venue_reviews": 12, "review_count": 12, "rating": 5, "city_listing": 10,
         "my_upcoming": 12, "venue_day": 10, "slot_taken": 6, "unread_count": 15, "notification_list": 8,
         "api_auth": 15, "current_user": 15, "favorite_venues": 6, "favorited": 8, "review_authors": 5,
         "search": 3, "login": 4, "daily_report": 1, "queue_depth": 1}
WRITES = {"new_reservation": 6, "cancel": 3, "mark_read": 5, "notify": 6, "reserve_job": 10, "enqueue": 4,
          "favorite": 2, "sign_in": 4, "new_review": 2}


def main():
    mode, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    weights = dict(READS, **WRITES) if mode in ("day", "shapes") else READS if mode == "reads" else None
    if weights is None:
        sys.exit("workload.py: day, reads or shapes")
    rnd = random.Random(seed)
    shapes, names = Shapes(rnd), list(weights)
    if mode == "shapes":
        for name in names:
            for statement in getattr(shapes, name)().split(";\n"):
                if statement not in ("BEGIN", "COMMIT"):
                    print(statement.replace("\n", " ") + ";")
        return
    for name in rnd.choices(names, [weights[n] for n in names], k=count):
        print(getattr(shapes, name)() + ";")


if __name__ == "__main__":
    main()
