\set uid random(1, 20000)
SELECT pref_theme, pref_language, pref_timezone, pref_currency FROM user_settings WHERE user_id = :uid;
SELECT notify_email, notify_sms, notify_push, notify_digest FROM user_settings WHERE user_id = :uid;
UPDATE user_settings SET billing_plan = 'pro', billing_cycle = 'yearly', billing_renews_at = now() WHERE user_id = :uid;
INSERT INTO product_views (product_id, user_id) VALUES (1 + :uid % 5000, :uid);
