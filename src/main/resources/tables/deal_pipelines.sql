-- Deal-Pipelines with their deal stages embedded, ordered by position.
SELECT p.id, p.name, p.position, p.broker_ids, p.created_at, p.updated_at,
       COALESCE((SELECT json_agg(json_build_object(
                    'id', s.id, 'name', s.name, 'position', s.position, 'chance', s.chance,
                    'color', s.color, 'created_at', s.created_at, 'updated_at', s.updated_at)
                  ORDER BY s.position, s.id)
                 FROM deal_stages s WHERE s.account_id = p.account_id AND s.deal_pipeline_id = p.id), '[]'::json) AS deal_stages
FROM deal_pipelines p
WHERE p.account_id = :account_id
