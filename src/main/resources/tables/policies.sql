-- Nachweise: which property was offered to which contact, when and how.
SELECT p.id, p.client_id, p.property_id, p.project_id, p.broker_id, p.channel, p.sent_at, p.confirmed,
       p.note, p.created_at, p.updated_at
FROM policies p
WHERE p.account_id = :account_id
