-- Suchprofile: what a contact is looking for.
SELECT q.id, q.client_id, q.broker_id, q.title, q.active, q.marketing_type, q.rs_types, q.cities,
       q.zip_codes, q.price_from, q.price_to, q.base_rent_from, q.base_rent_to, q.living_space_from,
       q.living_space_to, q.number_of_rooms_from, q.number_of_rooms_to, q.plot_area_from, q.plot_area_to,
       q.lat, q.lng, q.radius, q.balcony, q.garden, q.lift, q.created_at, q.updated_at
FROM saved_queries q
WHERE q.account_id = :account_id
