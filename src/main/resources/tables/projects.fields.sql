-- The tenant's custom fields of projects: the built-in CRM keeps their definitions in one table.
SELECT d.name, d.field_type AS type, d.position, d.label, d.options
FROM custom_field_definitions d
WHERE d.account_id = :account_id AND d.entity = 'projects'
