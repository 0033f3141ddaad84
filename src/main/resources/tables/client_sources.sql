-- Key-value table: id and name only, as the Propstack dump has them.
SELECT t.id, t.name
FROM client_sources t
WHERE t.account_id = :account_id
