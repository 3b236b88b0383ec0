-- logdex: apply with autocommit on (psql: no --single-transaction); CREATE INDEX CONCURRENTLY cannot run inside a transaction

-- logdex: index on comments (ticket_id, created_at)
-- why: equality on ticket_id; serves ORDER BY created_at | foreign key comments(ticket_id) -> tickets has no index (1 query, 132 calls, 32,129.9 ms total)
-- estimated effect: 32,127.3 ms less over the analysed workload
-- serves 964a6fe39c51a7aa (132 calls, 32,129.9 ms): SELECT id, author_id, body, internal, created_at FROM comments WHERE ticket_id = $1 ORDER BY created_at LIMIT $2
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_comments_ticket_id_created_at ON comments (ticket_id, created_at);

-- logdex: index on notifications (user_id, created_at) WHERE read_at IS NULL
-- why: equality on user_id; serves ORDER BY created_at (partial: read_at IS NULL) | foreign key notifications(user_id) -> users has no index | +1 more (2 queries, 158 calls, 25,130.2 ms total)
-- estimated effect: 24,618.2 ms less over the analysed workload
-- serves 0242238fb9adfad7 (136 calls, 20,024.4 ms): SELECT id, ticket_id, kind, created_at FROM notifications WHERE user_id = $1 AND read_at IS NULL ORDER BY created_at ...
-- serves 1555347be04cd0a3 (22 calls, 5,105.8 ms): UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_notifications_user_id_created_at_where_read_at_is_null ON notifications (user_id, created_at) WHERE read_at IS NULL;

-- logdex: index on tickets (assignee_id, status, priority, due_at DESC)
-- why: equality on assignee_id, status; serves ORDER BY priority, due_at DESC | one arm of an OR over assignee_id, reporter_id: each arm needs its own index | +1 more (2 queries, 167 calls, 23,251.8 ms total)
-- estimated effect: 18,084.0 ms less over the analysed workload
-- serves c91582cb01bdc94a (93 calls, 12,920.3 ms): SELECT id, subject, priority, due_at FROM tickets WHERE assignee_id = $1 AND status = $2 ORDER BY priority DESC, due_...
-- serves df1ac59df3982cfd (74 calls, 10,331.4 ms): SELECT id, subject, status, updated_at FROM tickets WHERE assignee_id = $1 OR reporter_id = $2 ORDER BY updated_at DE...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tickets_assignee_id_status_priority_due_at_desc ON tickets (assignee_id, status, priority, due_at DESC);

-- logdex: index on tickets (tenant_id, status, created_at)
-- why: equality on tenant_id, status; serves ORDER BY created_at | foreign key tickets(tenant_id) -> tenants has no index (2 queries, 103 calls, 15,348.1 ms total)
-- estimated effect: 12,035.5 ms less over the analysed workload
-- serves 2ef621787db6bee7 (75 calls, 10,382.2 ms): SELECT id, subject, assignee_id, priority FROM tickets WHERE tenant_id = $1 AND status = $2 ORDER BY created_at DESC ...
-- serves 1875029c4ca74065 (28 calls, 4,965.8 ms): SELECT id, subject, due_at FROM tickets WHERE tenant_id = $1 AND status IN ($2, $3) AND due_at < now() ORDER BY due_a...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tickets_tenant_id_status_created_at ON tickets (tenant_id, status, created_at);

-- logdex: index on events (ticket_id, occurred_at)
-- why: equality on ticket_id; serves ORDER BY occurred_at (1 query, 36 calls, 8,515.9 ms total)
-- estimated effect: 8,515.5 ms less over the analysed workload
-- serves c09e785fcc3a8ac9 (36 calls, 8,515.9 ms): SELECT id, actor_id, kind, occurred_at FROM events WHERE ticket_id = $1 ORDER BY occurred_at
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_ticket_id_occurred_at ON events (ticket_id, occurred_at);

-- logdex: index on users (lower(email))
-- why: equality on lower(email); an index on the expression: one on the column alone does not serve it (1 query, 53 calls, 6,154.5 ms total)
-- estimated effect: 6,154.5 ms less over the analysed workload
-- serves 3d0d57afe25622de (53 calls, 6,154.5 ms): SELECT id, tenant_id, full_name, role FROM users WHERE lower(email) = lower($3 || $1 || $4 || ($2 % $5 + $6) || $7)
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_lower_email ON users (lower(email));

-- logdex: index on tickets (reporter_id)
-- why: one arm of an OR over assignee_id, reporter_id: each arm needs its own index (1 query, 74 calls, 10,331.4 ms total)
-- estimated effect: 5,163.7 ms less over the analysed workload
-- serves df1ac59df3982cfd (74 calls, 10,331.4 ms): SELECT id, subject, status, updated_at FROM tickets WHERE assignee_id = $1 OR reporter_id = $2 ORDER BY updated_at DE...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tickets_reporter_id ON tickets (reporter_id);

-- logdex: index on tickets (tenant_id, status, due_at)
-- why: equality on tenant_id, status; range on due_at | foreign key tickets(tenant_id) -> tenants has no index (2 queries, 103 calls, 15,348.1 ms total)
-- estimated effect: 3,308.6 ms less over the analysed workload
-- serves 2ef621787db6bee7 (75 calls, 10,382.2 ms): SELECT id, subject, assignee_id, priority FROM tickets WHERE tenant_id = $1 AND status = $2 ORDER BY created_at DESC ...
-- serves 1875029c4ca74065 (28 calls, 4,965.8 ms): SELECT id, subject, due_at FROM tickets WHERE tenant_id = $1 AND status IN ($2, $3) AND due_at < now() ORDER BY due_a...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tickets_tenant_id_status_due_at ON tickets (tenant_id, status, due_at);

-- logdex: index on events (tenant_id, occurred_at)
-- why: equality on tenant_id; range on occurred_at (1 query, 10 calls, 2,589.0 ms total)
-- estimated effect: 2,588.6 ms less over the analysed workload
-- serves 3512635835dc789e (10 calls, 2,589.0 ms): SELECT kind, count(*) FROM events WHERE tenant_id = $1 AND occurred_at >= now() - interval $2 GROUP BY kind
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_tenant_id_occurred_at ON events (tenant_id, occurred_at);

-- logdex: index on ticket_labels (label_id)
-- why: equality on label_id | foreign key ticket_labels(label_id) -> labels has no index (1 query, 30 calls, 2,528.7 ms total)
-- estimated effect: 1,264.3 ms less over the analysed workload
-- serves ab30f1aae8646f53 (30 calls, 2,528.7 ms): SELECT t.id, t.subject, t.status FROM ticket_labels tl JOIN tickets t ON t.id = tl.ticket_id WHERE tl.label_id = $1 O...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_ticket_labels_label_id ON ticket_labels (label_id);

-- logdex: index on tickets (created_at)
-- why: serves ORDER BY created_at (1 query, 30 calls, 2,528.7 ms total)
-- estimated effect: 1,262.4 ms less over the analysed workload
-- serves ab30f1aae8646f53 (30 calls, 2,528.7 ms): SELECT t.id, t.subject, t.status FROM ticket_labels tl JOIN tickets t ON t.id = tl.ticket_id WHERE tl.label_id = $1 O...
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tickets_created_at ON tickets (created_at);

-- logdex: index on users (tenant_id, role, full_name)
-- why: equality on tenant_id, role; serves ORDER BY full_name (1 query, 26 calls, 11.9 ms total)
-- estimated effect: 11.9 ms less over the analysed workload
-- serves 20b749ca05b8f904 (26 calls, 11.9 ms): SELECT id, full_name, last_seen_at FROM users WHERE tenant_id = $1 AND role = $2 ORDER BY full_name LIMIT $3
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_tenant_id_role_full_name ON users (tenant_id, role, full_name);

