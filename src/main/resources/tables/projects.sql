-- custom_fields: true
-- Projekte (developments that group properties).
SELECT p.id, p.name, p.description, p.broker_id, p.department_ids, p.street, p.house_number, p.zip_code,
       p.city, p.country, p.lat, p.lng, p.status, p.units_count, p.archived, p.created_at, p.updated_at,
       p.custom_fields
FROM projects p
WHERE p.account_id = :account_id
