-- Mandanten (legal entities / branches of the brokerage).
SELECT t.id, t.name, t.email, t.phone, t.street, t.house_number, t.zip_code, t.city, t.country,
       t.website, t.commercial_register, t.vat_id, t.created_at, t.updated_at
FROM teams t
WHERE t.account_id = :account_id
