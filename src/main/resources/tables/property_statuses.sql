-- Key-value table: id and name only, as the Propstack dump has them.
SELECT t.id, t.name
FROM property_statuses t
WHERE t.account_id = :account_id
