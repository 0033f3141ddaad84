-- Dokumente (metadata and storage URL; the file contents are not part of the dump).
SELECT d.id, d.name, d.title, d.content_type, d.size, d.url, d.broker_id, d.client_id, d.property_id,
       d.project_id, d.is_private, d.is_exposee, d.tags, d.created_at, d.updated_at
FROM documents d
WHERE d.account_id = :account_id
