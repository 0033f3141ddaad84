-- Objekt-Texte with their translations embedded, ordered by locale.
SELECT d.id, d.property_id, d.name, d.label, d.locale, d.body, d.created_at, d.updated_at,
       COALESCE((SELECT json_agg(json_build_object(
                    'id', t.id, 'locale', t.locale, 'body', t.body,
                    'created_at', t.created_at, 'updated_at', t.updated_at)
                  ORDER BY t.locale)
                 FROM property_detail_translations t WHERE t.property_detail_id = d.id), '[]'::json) AS translations
FROM property_details d
WHERE d.account_id = :account_id
