-- custom_fields: custom_fields
-- Objekte. Keys in the order of the Propstack sample; status is the resolved property status name.
SELECT p.address, p.administrative_area_level_1, p.archived, p.base_rent, p.broker_id, p.brokers, p.city,
       p.copying, p.country, p.courtage, p.created_at, p.creator_id, p.deleted_at, p.department_ids,
       p.exposee_id, p.featured, p.for_bidding, p.gastronomy_type, p.has_courtage, p.hide_address,
       p.house_number, p.id, p.industry_type, p.investment_type, p.is24_id, p.lat, p.living_space, p.lng,
       p.locale, p.location_id, p.marketing_type, p.net_floor_space, p.number_of_rooms, p.object_type,
       p.office_type, p.old_crm_id, p.plot_area, p.price, p.price_interval_type, p.project_id,
       p.property_status_id, p.rs_type, p.short_term_accomodation_type, p.special_purpose_type,
       p.start_rental_date, p.statistics, p.street, p.sublocality_level_1, p.total_floor_space, p.unit_id,
       p.updated_at, p.zip_code, p.lift, p.ramp, p.floor, p.sauna, p.cellar, p.garden, p.loggia, p.rented,
       p.balcony, p.chimney, p.terrace, p.monument, p.auto_lift, p.condition, p.storeroom, p.demolition,
       p.goods_lift, p.non_smoker, p.total_rent, p.has_canteen, p.lodger_flat, p.other_costs,
       p.alarm_system, p.barrier_free, p.crane_runway, p.firing_types, p.guest_toilet, p.heating_type,
       p.high_voltage, p.rent_subsidy, p.flooring_type, p.has_furniture, p.heating_costs, p.rental_income,
       p.swimming_pool, p.wellness_area, p.winter_garden, p.apartment_type, p.rotation_fixed,
       p.service_charge, p.air_conditioning, p.built_in_kitchen, p.interior_quality, p.kitchen_complete,
       p.number_of_floors, p.price_on_inquiry, p.construction_year, p.conservation_areas,
       p.building_permission, p.flat_share_suitable, p.maintenance_reserve, p.preliminary_enquiry,
       p.landing_page_blocked, p.short_term_constructible, p.construction_year_unknown,
       p.summer_residence_practical, p.energy_certificate_availability, p.heating_costs_in_service_charge,
       p.certificate_of_eligibility_needed, p.energy_consumption_contains_warm_water,
       ps.name AS status, p.group_ids,
       p.custom_fields
FROM properties p
LEFT JOIN property_statuses ps ON ps.id = p.property_status_id
WHERE p.account_id = :account_id
