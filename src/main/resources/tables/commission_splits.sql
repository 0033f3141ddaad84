-- Provisionssplits: entered on a property; each share goes to a broker or to a contact, tagged with a Merkmal.
SELECT s.id, s.property_id, s.deal_id, s.broker_id, s.client_id, s.group_id, s.percentage, s.amount,
       s.created_at, s.updated_at
FROM commission_splits s
WHERE s.account_id = :account_id
