SELECT o.objekt_nr AS id, o.titel AS title, o.kaufpreis AS price, o.zimmer AS number_of_rooms,
       o.merkmale AS features, o.kunde_nr AS client_id, o.frei_ab AS available_from
FROM objekt o
WHERE o.firma_nr = :account_id
