-- Objekt-Texte: one row per text of a property (title, description_note, ..., long_* variants), its content as
-- value, with its translations embedded, ordered by locale.
SELECT d.id, d.property_id, d.name, d.label, d.locale, d.value,
       COALESCE((SELECT json_agg(json_build_object(
                    'id', t.id, 'locale', t.locale, 'value', t.value,
                    'created_at', t.created_at, 'updated_at', t.updated_at)
                  ORDER BY t.locale)
                 FROM property_detail_translations t WHERE t.property_detail_id = d.id), '[]'::json) AS translations,
       d.created_at, d.updated_at
FROM property_details d
WHERE d.account_id = :account_id
