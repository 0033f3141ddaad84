-- custom_fields: true
-- Nutzer (the CRM's users).
SELECT b.id, b.salutation, b.academic_title, b.first_name, b.last_name, b.name, b.email, b.public_email,
       b.phone, b.cell, b.position, b.abbreviation, b.role, b.team_id, b.department_ids, b.locale,
       b.time_zone, b.archived, b.last_logged_in_at, b.created_at, b.updated_at,
       b.custom_fields
FROM brokers b
WHERE b.account_id = :account_id
