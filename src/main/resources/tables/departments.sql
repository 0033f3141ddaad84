-- Teams (groups of brokers) with the ids of their members.
SELECT d.id, d.name, d.position,
       ARRAY(SELECT b.id FROM brokers b WHERE b.account_id = d.account_id AND d.id = ANY (b.department_ids) ORDER BY b.id) AS broker_ids,
       d.created_at, d.updated_at
FROM departments d
WHERE d.account_id = :account_id
