-- Dokumente (metadata and storage URL; the file contents are not part of the dump).
SELECT d.id, d.client_id, d.property_id, d.project_id, d.broker_id, d.folder_id, d.token, d.title, d.name, d.url,
       d.position, d.is_private, d.on_landing_page, d.is_exposee, d.second_document, d.is_floorplan, d.tags,
       d.created_at, d.updated_at
FROM documents d
WHERE d.account_id = :account_id
