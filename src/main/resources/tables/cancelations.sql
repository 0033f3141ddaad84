-- Absagen. Keys in the order of the Propstack sample, then the ones it elides.
SELECT c.id, c.created_at, c.note_type_id, c.starts_at, c.ends_at, c.broker_id, c.state, c.client_ids,
       c.property_ids, c.project_ids, c.reservation_reason_id, c.title, c.body, c.updated_at
FROM cancelations c
WHERE c.account_id = :account_id
