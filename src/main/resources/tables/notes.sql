-- Notizen: tasks like appointments and cancelations, in the same key order.
SELECT n.id, n.created_at, n.note_type_id, n.title, n.body, n.broker_id, n.client_ids, n.property_ids,
       n.project_ids, n.group_ids, n.task_creator_id, n.task_updater_id, n.updated_at
FROM notes n
WHERE n.account_id = :account_id
