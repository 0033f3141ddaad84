-- Suchprofile: what a contact is looking for. A range is the bare name (lower bound) and <name>_to (upper bound).
SELECT q.id, q.client_id, q.active, q.marketing_type, q.rs_types, q.rs_categories, q.regions, q.cities,
       q.location_ids, q.group_ids, q.note,
       q.price, q.price_to, q.base_rent, q.base_rent_to, q.total_rent, q.total_rent_to,
       q.living_space, q.living_space_to, q.number_of_rooms, q.number_of_rooms_to,
       q.number_of_bedrooms, q.number_of_bedrooms_to, q.plot_area, q.plot_area_to, q.floor, q.floor_to,
       q.construction_year, q.construction_year_to,
       q.balcony, q.garden, q.lift, q.built_in_kitchen, q.cellar, q.rented,
       q.lat, q.lng, q.radius, q.created_at, q.updated_at
FROM saved_queries q
WHERE q.account_id = :account_id
