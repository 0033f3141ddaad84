-- custom_fields: custom_fields
-- Deals. Keys in the order of the Propstack sample, then the ones it elides.
SELECT d.id, d.created_at, d.updated_at, d.deal_stage_id, d.deal_pipeline_id, d.deal_stage_chance,
       d.reservation_reason_id, d.client_source_id, d.broker_id, d.client_id, d.property_id, d.project_id,
       d.start_date, d.price, d.sold_price, d.sold_date, d.note,
       d.custom_fields
FROM deals d
WHERE d.account_id = :account_id
