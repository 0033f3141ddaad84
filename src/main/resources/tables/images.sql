-- Bilder (metadata and URL).
SELECT i.id, i.property_id, i.project_id, i.title, i.url, i.position, i.width, i.height, i.is_private,
       i.is_floorplan, i.is_not_for_expose, i.created_at, i.updated_at
FROM images i
WHERE i.account_id = :account_id
