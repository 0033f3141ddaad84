-- Notizen.
SELECT n.id, n.note_type_id, n.title, n.body, n.broker_id, n.client_ids, n.property_ids, n.project_ids,
       n.deal_ids, n.pinned, n.created_at, n.updated_at
FROM notes n
WHERE n.account_id = :account_id
