-- E-Mails.
SELECT m.id, m.message_id, m.folder, m.from_address AS "from", m.to_addresses AS "to",
       m.cc_addresses AS cc, m.bcc_addresses AS bcc, m.subject, m.body, m.date, m.read,
       m.has_attachments, m.broker_id, m.client_ids, m.property_ids, m.project_ids, m.created_at,
       m.updated_at
FROM messages m
WHERE m.account_id = :account_id
