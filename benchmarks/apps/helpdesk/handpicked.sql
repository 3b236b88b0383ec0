-- A DBA's answer for this workload, from its queries in order of their total time in the captured log, best first:
-- the first ten are the "hand-picked 10".
CREATE INDEX hp_comments_ticket ON comments (ticket_id, created_at);
CREATE INDEX hp_notifications_unread ON notifications (user_id, created_at) WHERE read_at IS NULL;
CREATE INDEX hp_tickets_assignee_open ON tickets (assignee_id, priority DESC, due_at) WHERE status = 'open';
CREATE INDEX hp_tickets_assignee ON tickets (assignee_id, updated_at);
CREATE INDEX hp_tickets_reporter ON tickets (reporter_id, updated_at);
CREATE INDEX hp_tickets_tenant_open ON tickets (tenant_id, created_at) WHERE status = 'open';
CREATE INDEX hp_events_ticket ON events (ticket_id, occurred_at);
CREATE INDEX hp_users_email ON users (lower(email));
CREATE INDEX hp_ticket_labels_label ON ticket_labels (label_id);
CREATE INDEX hp_events_tenant ON events (tenant_id, occurred_at);
CREATE INDEX hp_tickets_due ON tickets (tenant_id, due_at) WHERE status IN ('open', 'pending');
CREATE INDEX hp_users_tenant ON users (tenant_id, full_name) WHERE role = 'agent';
CREATE INDEX hp_notifications_user ON notifications (user_id);
