\set lid random(1, 40000 * :scale)
SELECT t.id, t.subject, t.status FROM ticket_labels tl JOIN tickets t ON t.id = tl.ticket_id WHERE tl.label_id = :lid ORDER BY t.created_at DESC LIMIT 30;
