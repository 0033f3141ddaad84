-- E-Mails.
SELECT m.id, m.broker_id, m.snippet_id, m.message_category_id, m.client_ids, m.property_ids, m.project_ids,
       m.subject, m.body, m.from_address AS "from", m.to_addresses AS "to", m.cc_addresses AS cc,
       m.bcc_addresses AS bcc, m.read, m.archived, m.attachments, m.created_at, m.updated_at
FROM messages m
WHERE m.account_id = :account_id
