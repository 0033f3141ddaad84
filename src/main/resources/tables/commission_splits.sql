-- Provisionssplits: how a deal's commission is shared between brokers.
SELECT s.id, s.deal_id, s.broker_id, s.kind, s.percentage, s.amount, s.created_at, s.updated_at
FROM commission_splits s
WHERE s.account_id = :account_id
