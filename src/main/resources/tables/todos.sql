-- Aufgaben.
SELECT t.id, t.title, t.body, t.due_date, t.remind_at, t.done, t.done_at, t.broker_id, t.creator_id,
       t.client_ids, t.property_ids, t.project_ids, t.created_at, t.updated_at
FROM todos t
WHERE t.account_id = :account_id
