-- custom_fields: custom_fields
-- Nutzer (the CRM's users). Keys as Propstack's broker object; team_id is the broker's Mandant, department_ids
-- its Teams.
SELECT b.id, b.salutation, b.academic_title, b.first_name, b.last_name, b.name, b.email, b.public_email,
       b.phone, b.cell, b.public_phone, b.public_cell, b.position, b.locale, b.team_id, b.department_ids,
       b.avatar_url, b.color, b.abstract, b.description, b.old_crm_id, b.connected, b.created_at, b.updated_at,
       b.custom_fields
FROM brokers b
WHERE b.account_id = :account_id
