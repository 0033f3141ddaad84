-- Rows in the shape of migrations V1..V6 (before Propstack's field names), for MigrationTest.
INSERT INTO accounts (id, name, datadump_enabled) VALUES (1, 'Alt GmbH', true);
INSERT INTO groups (id, account_id, name) VALUES (1, 1, 'Kapitalanleger');
INSERT INTO teams (id, account_id, name, email, phone, street, house_number, zip_code, city, country, website,
                   commercial_register, vat_id, created_at, updated_at)
VALUES (1, 1, 'Alt Immobilien GmbH', 'info@alt.example', '+49 30 1234567', 'Torstraße', '5', '10119', 'Berlin', 'DEU',
        'https://alt.example', 'HRB 12345', 'DE123456789', '2024-01-01 10:00', '2024-01-02 10:00'),
       (2, 1, 'Alt Gewerbe GmbH', NULL, NULL, NULL, NULL, NULL, 'Potsdam', NULL, NULL, NULL, NULL,
        '2024-01-01 10:00', '2024-01-01 10:00');
INSERT INTO departments (id, account_id, team_id, name, created_at, updated_at)
VALUES (1, 1, 1, 'Vertrieb', '2024-01-01 10:00', '2024-01-01 10:00'),
       (2, 1, 1, 'Vermietung', '2024-01-01 10:00', '2024-01-01 10:00');
INSERT INTO brokers (id, account_id, team_id, department_ids, first_name, last_name, name, email, abbreviation, role,
                     time_zone, archived, created_at, updated_at)
VALUES (1, 1, 1, '{1}', 'Anna', 'Alt', 'Anna Alt', 'anna@alt.example', 'AA', 'admin', 'Europe/Berlin', false,
        '2024-01-01 10:00', '2024-01-01 10:00'),
       (2, 1, 2, '{1,2}', 'Bernd', 'Bau', 'Bernd Bau', 'bernd@alt.example', 'BB', 'broker', NULL, true,
        '2024-01-01 10:00', '2024-01-01 10:00');
INSERT INTO contacts (id, account_id, first_name, last_name, created_at, updated_at)
VALUES (1, 1, 'Clara', 'Kunde', '2024-02-01 09:00', '2024-02-01 09:00');
INSERT INTO projects (id, account_id, name, description, broker_id, department_ids, street, house_number, zip_code, city,
                      country, status, units_count, archived, created_at, updated_at)
VALUES (1, 1, 'Lindenhof Höfe', 'Zwölf Wohnungen am Park.', 1, '{1}', 'Lindenallee', '3', '10115', 'Berlin', 'DEU',
        'Vertrieb', 12, false, '2024-01-05 10:00', '2024-01-05 10:00'),
       (2, 1, 'Seeblick', NULL, NULL, '{}', NULL, NULL, NULL, NULL, NULL, 'Im Bau', NULL, true,
        '2024-01-05 10:00', '2024-01-05 10:00');
INSERT INTO properties (id, account_id, project_id, created_at, updated_at)
VALUES (1, 1, 1, '2024-01-06 10:00', '2024-01-06 10:00'),
       (2, 1, NULL, '2024-01-06 10:00', '2024-01-06 10:00');
INSERT INTO property_details (id, account_id, property_id, name, label, locale, body, created_at, updated_at)
VALUES (1, 1, 1, 'description_note', 'Objektbeschreibung', 'de', 'Helle Wohnung.', '2024-01-06 10:00', '2024-01-06 10:00');
INSERT INTO property_detail_translations (id, account_id, property_detail_id, locale, body, created_at, updated_at)
VALUES (1, 1, 1, 'en', 'Bright flat.', '2024-01-07 10:00', '2024-01-07 10:00');
INSERT INTO images (id, account_id, property_id, project_id, title, url, position, width, height, is_private,
                    is_floorplan, is_not_for_expose, created_at, updated_at)
VALUES (1, 1, 1, NULL, 'Küche', 'https://img.example/1.jpg', 0, 1600, 1067, false, false, true,
        '2024-01-06 10:00', '2024-01-06 10:00'),
       (2, 1, NULL, 1, 'Außenansicht', 'https://img.example/2.jpg', 0, 1600, 1200, false, false, false,
        '2024-01-06 10:00', '2024-01-06 10:00');
INSERT INTO documents (id, account_id, name, title, content_type, size, url, broker_id, client_id, property_id,
                       is_private, is_exposee, tags, created_at, updated_at)
VALUES (1, 1, 'Grundriss_1.png', 'Grundriss', 'image/png', 120000, 'https://files.example/1.png', 1, NULL, 1,
        false, false, '{Grundriss}', '2024-01-06 10:00', '2024-01-06 10:00'),
       (2, 1, 'Expose_2.pdf', 'Expose', 'application/pdf', 800000, 'https://files.example/2.pdf', 1, NULL, 1,
        false, true, '{}', '2024-01-06 10:00', '2024-01-06 10:00');
INSERT INTO deal_pipelines (id, account_id, name, created_at, updated_at)
VALUES (1, 1, 'Verkauf', '2024-01-01 10:00', '2024-01-01 10:00');
INSERT INTO deal_stages (id, account_id, deal_pipeline_id, name, created_at, updated_at)
VALUES (1, 1, 1, 'Anfrage', '2024-01-01 10:00', '2024-01-01 10:00');
INSERT INTO deals (id, account_id, created_at, updated_at, deal_stage_id, deal_pipeline_id, broker_id, client_id,
                   property_id)
VALUES (1, 1, '2024-03-01 10:00', '2024-03-01 10:00', 1, 1, 1, 1, 1);
INSERT INTO commission_splits (id, account_id, deal_id, broker_id, kind, percentage, amount, created_at, updated_at)
VALUES (1, 1, 1, 1, 'seller', 60.00, 12000.00, '2024-03-02 10:00', '2024-03-02 10:00'),
       (2, 1, 1, 2, 'buyer', 40.00, NULL, '2024-03-02 10:00', '2024-03-02 10:00');
INSERT INTO notes (id, account_id, note_type_id, title, body, broker_id, client_ids, deal_ids, pinned, created_at,
                   updated_at)
VALUES (1, 1, 3, 'Anruf', '<p>Rückruf erbeten.</p>', 2, '{1}', '{1}', true, '2024-03-03 10:00', '2024-03-03 10:00');
INSERT INTO messages (id, account_id, message_id, folder, from_address, to_addresses, subject, body, date, read,
                      has_attachments, broker_id, client_ids, created_at, updated_at)
VALUES (1, 1, '<abc@mail.example>', 'archive', 'anna@alt.example', '{clara@kunde.example}', 'Exposé', '<p>Anbei.</p>',
        '2024-03-04 10:00', true, true, 1, '{1}', '2024-03-04 10:00', '2024-03-04 10:00');
INSERT INTO todos (id, account_id, title, body, due_date, remind_at, done, done_at, broker_id, creator_id, created_at,
                   updated_at)
VALUES (1, 1, 'Exposé senden', NULL, '2024-03-10 09:00', '2024-03-10 07:00', true, '2024-03-09 12:00', 1, 2,
        '2024-03-05 10:00', '2024-03-09 12:00'),
       (2, 1, 'Besichtigung planen', NULL, NULL, NULL, false, NULL, 2, NULL, '2024-03-05 10:00', '2024-03-05 10:00');
INSERT INTO policies (id, account_id, client_id, property_id, broker_id, channel, sent_at, confirmed, note, created_at,
                      updated_at)
VALUES (1, 1, 1, 1, 1, 'email', '2024-03-04 10:00', true, 'Exposé per E-Mail', '2024-03-04 10:00', '2024-03-04 10:00'),
       (2, 1, 1, NULL, NULL, 'phone', '2024-03-05 10:00', false, NULL, '2024-03-05 10:00', '2024-03-05 10:00');
INSERT INTO saved_queries (id, account_id, client_id, broker_id, title, marketing_type, rs_types, cities, zip_codes,
                           price_from, price_to, living_space_from, number_of_rooms_from, plot_area_to, created_at,
                           updated_at)
VALUES (1, 1, 1, 1, 'Kauf Berlin Mitte', 'BUY', '{APARTMENT}', '{Berlin}', '{10115}', 300000, 500000, 60, 2, NULL,
        '2024-03-06 10:00', '2024-03-06 10:00');
SELECT setval(pg_get_serial_sequence(t, 'id'), 100)
FROM unnest(ARRAY['accounts', 'groups', 'teams', 'departments', 'brokers', 'contacts', 'projects', 'properties',
                  'property_details', 'property_detail_translations', 'images', 'documents', 'deal_pipelines',
                  'deal_stages', 'deals', 'commission_splits', 'notes', 'messages', 'todos', 'policies',
                  'saved_queries']) t;
