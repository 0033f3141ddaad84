-- Termine. Keys in the order of the Propstack sample, then the ones it elides.
SELECT a.id, a.created_at, a.note_type_id, a.starts_at, a.ends_at, a.title, a.body, a.broker_id, a.state,
       a.clients_ids, a.properties_ids, a.projects_ids, a.rrule, a.is_campaign, a.clients_status,
       a.send_reminders, a.location, a.all_day, a.private, a.updated_at
FROM appointments a
WHERE a.account_id = :account_id
