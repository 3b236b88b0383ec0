\set uid random(1, 150000 * :scale)
SELECT id, tenant_id, full_name, role FROM users WHERE lower(email) = lower('Agent' || :uid || '@tenant' || (:uid % 7 + 1) || '.example');
