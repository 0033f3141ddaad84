-- One tenant per firm: id and name are required, time_zone is optional.
SELECT f.firma_nr AS id, f.firmenname AS name, f.zeitzone AS time_zone
FROM firma f
