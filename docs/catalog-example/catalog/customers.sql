-- custom_fields: zusatz
-- Keys are the column labels, in this order; the custom fields follow them.
SELECT k.kunde_nr AS id, k.vorname AS first_name, k.nachname AS last_name, k.email,
       k.angelegt_am AS created_at, k.zusatz
FROM kunde k
WHERE k.firma_nr = :account_id
