-- Beziehungen between contacts, and between contacts and properties or projects.
SELECT r.id, r.internal_name, r.name, r.client_id, r.related_client_id, r.property_id, r.project_id,
       r.created_at, r.updated_at
FROM relationships r
WHERE r.account_id = :account_id
