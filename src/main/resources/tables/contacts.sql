-- custom_fields: custom_fields
-- Kontakte. Keys in the order of the Propstack sample; status/source are the resolved lookup names.
SELECT c.academic_title, c.active_reservations, c.archived, c.birth_name, c.broker_id, c.broker_ids,
       c.cancelation_reason_ids, c.canceled_reservations, c.children_count, c.client_reason_id,
       c.client_source_id, c.client_status_id, c.commercial, c.company, c.confirmed_at,
       c.contact_sync_broker_ids, c.cp_delete_request_date, c.cp_profile_updated_at, c.created_at,
       c.create_notification, c.creator_id, c.customer_protection_partner, c.deleted_at, c.department_ids,
       c.description, c.dob, c.email, c.emails, c.equity, c.first_name, c.gdpr_status, c.has_protection,
       c.home_address, c.home_cell, c.home_city, c.home_country, c.home_fax, c.home_house_number,
       c.home_phone, c.home_street, c.home_url, c.home_zip_code, c.id, c.identity_number,
       c.issuing_authority, c.id AS item_id, c.keep_data_till, c.last_contact_at, c.last_logged_in_at,
       c.last_name, c.locale, c.nationality, c.newsletter, c.office_address, c.office_cell, c.office_city,
       c.office_country, c.office_fax, c.office_house_number, c.office_phone, c.office_street,
       c.office_url, c.office_zip_code, c.old_crm_id, c.online, c.parent_id, c.photo,
       c.policy_accepted_at, c.position, c.preferred_contact_channel, c.preferred_contact_time,
       c.property_mailing_wanted, c.rating, c.relationship, c.salutation, c.score, c.second_broker_id,
       c.tags, c.third_broker_id, c.time_zone, c.updated_at, c.updater_id, c.mvsigned, c.hvsigned,
       c.newsletter_unsubscribed, c.from_website, c.locked, c.home_address_validated,
       cs.name AS status, src.name AS source, c.group_ids,
       c.custom_fields
FROM contacts c
LEFT JOIN client_statuses cs ON cs.id = c.client_status_id
LEFT JOIN client_sources src ON src.id = c.client_source_id
WHERE c.account_id = :account_id
