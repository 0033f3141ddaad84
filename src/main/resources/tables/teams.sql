-- Mandanten (the legal or brand entities of one account) with their logo, legal texts and the ids of their brokers.
SELECT t.id, t.name, t.position, t.logo_url,
       ARRAY(SELECT b.id FROM brokers b WHERE b.account_id = t.account_id AND b.team_id = t.id ORDER BY b.id) AS broker_ids,
       t.cancellation_policy_note, t.imprint_note, t.terms_note, t.privacy_note, t.created_at, t.updated_at
FROM teams t
WHERE t.account_id = :account_id
