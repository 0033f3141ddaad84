-- The firm's custom fields of customers: name, type (string, number, boolean, date, select, multiselect) and
-- position are required, label and options optional.
SELECT f.feldname AS name, f.feldtyp AS type, f.reihenfolge AS position, f.bezeichnung AS label
FROM feld f
WHERE f.firma_nr = :account_id AND f.objekt = 'kunde'
