-- The tenants of the built-in CRM: the brokerages, each with its time zone.
SELECT a.id, a.name, a.time_zone
FROM accounts a
