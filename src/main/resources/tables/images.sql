-- Bilder (metadata and URL) of a property or a project (imageable_type "Property" or "Project").
SELECT i.id, i.imageable_type, i.imageable_id, i.title, i.position, i.is_private, i.is_floorplan,
       i.is_not_for_exposee, i.tags, i.url, i.connection_ids, i.created_at, i.updated_at
FROM images i
WHERE i.account_id = :account_id
