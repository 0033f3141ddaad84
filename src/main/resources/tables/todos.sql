-- Aufgaben: tasks like appointments and cancelations, in the same key order.
SELECT t.id, t.created_at, t.note_type_id, t.title, t.body, t.broker_id, t.state, t.client_ids, t.property_ids,
       t.project_ids, t.is_reminder, t.due_date, t.remind_at, t.done, t.task_creator_id, t.task_updater_id,
       t.updated_at
FROM todos t
WHERE t.account_id = :account_id
