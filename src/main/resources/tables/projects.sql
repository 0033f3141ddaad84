-- custom_fields: custom_fields
-- Projekte (developments that group properties). project_id is the project's short code; status is one of
-- ACQUISITION, PROGRESS, SALES, SOLD.
SELECT p.id, p.name, p.title, p.project_id, p.status, p.broker_id, p.location_id, p.for_rent, p.courtage,
       p.courtage_note, p.description_note, p.location_note, p.furnishing_note, p.note, p.warning_notice,
       p.construction_year, p.street, p.house_number, p.zip_code, p.city, p.sublocality_level_1, p.country,
       p.address, p.hide_address, p.lat, p.lng, p.created_at, p.updated_at,
       p.custom_fields
FROM projects p
WHERE p.account_id = :account_id
