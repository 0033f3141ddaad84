-- Propstack's own field names and meanings for the tables the seed shows no sample of
-- (shared/reference/propstack-fields.md). Existing rows are changed in place: renames keep their data, new
-- columns get values derived from what a row already holds, and columns without a Propstack counterpart stay in
-- the CRM tables (the dump queries no longer select them), so no data is lost.

-- ---------------------------------------------------------------- brokers (Nutzer)
ALTER TABLE brokers
    ADD COLUMN public_phone text NULL,
    ADD COLUMN public_cell  text NULL,
    ADD COLUMN avatar_url   text NULL,
    ADD COLUMN color        text NULL,
    ADD COLUMN abstract     text NULL,
    ADD COLUMN description  text NULL,
    ADD COLUMN old_crm_id   text NULL,
    ADD COLUMN connected    boolean NOT NULL DEFAULT false;

-- ---------------------------------------------------------------- departments (Teams)
ALTER TABLE departments ADD COLUMN position integer NOT NULL DEFAULT 0;
UPDATE departments d SET position = o.n
FROM (SELECT id, row_number() OVER (PARTITION BY account_id ORDER BY id) - 1 AS n FROM departments) o
WHERE o.id = d.id;

-- ---------------------------------------------------------------- teams (Mandanten)
-- Address and register data of a Mandant live in its legal texts in Propstack: the imprint is composed from them.
ALTER TABLE teams
    ADD COLUMN position                 integer NOT NULL DEFAULT 0,
    ADD COLUMN logo_url                 text NULL,
    ADD COLUMN cancellation_policy_note text NULL,
    ADD COLUMN imprint_note             text NULL,
    ADD COLUMN terms_note               text NULL,
    ADD COLUMN privacy_note             text NULL;
UPDATE teams t SET position = o.n
FROM (SELECT id, row_number() OVER (PARTITION BY account_id ORDER BY id) - 1 AS n FROM teams) o
WHERE o.id = t.id;
UPDATE teams SET imprint_note = concat_ws(E'\n',
        name,
        NULLIF(concat_ws(' ', street, house_number), ''),
        NULLIF(concat_ws(' ', zip_code, city), ''),
        country,
        'Telefon: ' || phone,
        'E-Mail: ' || email,
        'Web: ' || website,
        'Handelsregister: ' || commercial_register,
        'USt-IdNr.: ' || vat_id);

-- ---------------------------------------------------------------- policies (Nachweise: consent records)
-- A policy records a contact's consent, created through an e-mail. Rows made before this migration recorded that
-- a property was offered; they keep those columns, and their confirmation becomes the read and contact consent.
ALTER TABLE policies
    ADD COLUMN name           text    NULL,
    ADD COLUMN message_id     bigint  NULL REFERENCES messages (id) ON DELETE SET NULL,
    ADD COLUMN read           boolean NOT NULL DEFAULT false,
    ADD COLUMN accept_service boolean NOT NULL DEFAULT false,
    ADD COLUMN accept_terms   boolean NOT NULL DEFAULT false,
    ADD COLUMN accept_privacy boolean NOT NULL DEFAULT false,
    ADD COLUMN accept_contact boolean NOT NULL DEFAULT false,
    ALTER COLUMN channel DROP NOT NULL,
    ALTER COLUMN sent_at DROP NOT NULL;
UPDATE policies SET
    name = CASE channel
        WHEN 'email' THEN 'Nachweis per E-Mail'
        WHEN 'portal' THEN 'Nachweis über Portal'
        WHEN 'phone' THEN 'Nachweis per Telefon'
        WHEN 'letter' THEN 'Nachweis per Brief'
        ELSE 'Nachweis' END,
    read = confirmed,
    accept_contact = confirmed;
ALTER TABLE policies ALTER COLUMN name SET NOT NULL;

-- ---------------------------------------------------------------- commission_splits
-- Entered on a property; a share goes to a broker or to a contact, never both; a Merkmal (group) may tag it.
ALTER TABLE commission_splits
    ADD COLUMN property_id bigint NULL REFERENCES properties (id),
    ADD COLUMN client_id   bigint NULL REFERENCES contacts (id),
    ADD COLUMN group_id    bigint NULL REFERENCES groups (id),
    ALTER COLUMN deal_id DROP NOT NULL,
    ALTER COLUMN broker_id DROP NOT NULL,
    ALTER COLUMN kind DROP NOT NULL;
UPDATE commission_splits s SET property_id = d.property_id FROM deals d WHERE d.id = s.deal_id;
ALTER TABLE commission_splits
    ADD CONSTRAINT commission_splits_one_recipient CHECK ((broker_id IS NULL) <> (client_id IS NULL));

-- ---------------------------------------------------------------- documents
ALTER TABLE documents
    ADD COLUMN token           text    NULL,
    ADD COLUMN position        integer NOT NULL DEFAULT 0,
    ADD COLUMN folder_id       bigint  NULL,   -- a document folder of Propstack's; folders are not part of the dump
    ADD COLUMN on_landing_page boolean NOT NULL DEFAULT false,
    ADD COLUMN second_document boolean NOT NULL DEFAULT false,
    ADD COLUMN is_floorplan    boolean NOT NULL DEFAULT false,
    ALTER COLUMN content_type DROP NOT NULL,
    ALTER COLUMN size DROP NOT NULL;
UPDATE documents d SET
    token = md5(d.id::text || ':' || d.url),
    position = o.n,
    is_floorplan = lower(coalesce(d.title, '') || ' ' || d.name) LIKE '%grundriss%'
FROM (SELECT id, row_number() OVER (PARTITION BY account_id, client_id, property_id, project_id ORDER BY id) - 1 AS n
      FROM documents) o
WHERE o.id = d.id;
ALTER TABLE documents ALTER COLUMN token SET NOT NULL;

-- ---------------------------------------------------------------- images
-- An image belongs to one property or one project: the two owner columns become imageable_type/imageable_id.
ALTER TABLE images
    ADD COLUMN imageable_type text     NULL CHECK (imageable_type IN ('Property', 'Project')),
    ADD COLUMN imageable_id   bigint   NULL,
    ADD COLUMN tags           text[]   NOT NULL DEFAULT '{}',
    ADD COLUMN connection_ids bigint[] NOT NULL DEFAULT '{}';
UPDATE images SET
    imageable_type = CASE WHEN property_id IS NOT NULL THEN 'Property' WHEN project_id IS NOT NULL THEN 'Project' END,
    imageable_id = coalesce(property_id, project_id);
ALTER TABLE images
    ADD CONSTRAINT images_owner CHECK ((imageable_type IS NULL) = (imageable_id IS NULL)),
    DROP COLUMN property_id,
    DROP COLUMN project_id;
ALTER TABLE images RENAME COLUMN is_not_for_expose TO is_not_for_exposee;
CREATE INDEX images_imageable_idx ON images (account_id, imageable_type, imageable_id);

-- ---------------------------------------------------------------- messages (E-Mails)
ALTER TABLE messages
    ADD COLUMN snippet_id          bigint  NULL,   -- the Textbaustein the e-mail was written from
    ADD COLUMN message_category_id bigint  NULL,
    ADD COLUMN archived            boolean NOT NULL DEFAULT false,
    ADD COLUMN attachments         jsonb   NOT NULL DEFAULT '[]',
    ALTER COLUMN folder DROP NOT NULL;
UPDATE messages SET archived = (folder = 'archive');

-- ---------------------------------------------------------------- notes and todos: tasks like their siblings
ALTER TABLE notes
    ADD COLUMN group_ids       bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN task_creator_id bigint   NULL REFERENCES brokers (id),
    ADD COLUMN task_updater_id bigint   NULL REFERENCES brokers (id);
UPDATE notes SET task_creator_id = broker_id, task_updater_id = broker_id;

-- note_type_id 7 marks a todo (appointments are 6 and cancelations 11, as in Propstack's samples).
ALTER TABLE todos
    ADD COLUMN note_type_id    integer NOT NULL DEFAULT 7,
    ADD COLUMN state           integer NOT NULL DEFAULT 0,
    ADD COLUMN is_reminder     boolean NOT NULL DEFAULT false,
    ADD COLUMN task_creator_id bigint  NULL REFERENCES brokers (id),
    ADD COLUMN task_updater_id bigint  NULL REFERENCES brokers (id);
UPDATE todos SET
    state = CASE WHEN done THEN 1 ELSE 0 END,
    is_reminder = remind_at IS NOT NULL,
    task_creator_id = creator_id,
    task_updater_id = coalesce(creator_id, broker_id);

-- ---------------------------------------------------------------- saved_queries (Suchprofile)
-- Ranges are the bare name for the lower bound and _to for the upper; the title becomes the note.
ALTER TABLE saved_queries RENAME COLUMN price_from TO price;
ALTER TABLE saved_queries RENAME COLUMN base_rent_from TO base_rent;
ALTER TABLE saved_queries RENAME COLUMN living_space_from TO living_space;
ALTER TABLE saved_queries RENAME COLUMN number_of_rooms_from TO number_of_rooms;
ALTER TABLE saved_queries RENAME COLUMN plot_area_from TO plot_area;
ALTER TABLE saved_queries
    ADD COLUMN rs_categories         text[]   NOT NULL DEFAULT '{}',
    ADD COLUMN regions               text[]   NOT NULL DEFAULT '{}',
    ADD COLUMN location_ids          bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN group_ids             bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN note                  text     NULL,
    ADD COLUMN total_rent            numeric  NULL,
    ADD COLUMN total_rent_to         numeric  NULL,
    ADD COLUMN number_of_bedrooms    numeric  NULL,
    ADD COLUMN number_of_bedrooms_to numeric  NULL,
    ADD COLUMN floor                 integer  NULL,
    ADD COLUMN floor_to              integer  NULL,
    ADD COLUMN construction_year     integer  NULL,
    ADD COLUMN construction_year_to  integer  NULL,
    ADD COLUMN built_in_kitchen      boolean  NULL,
    ADD COLUMN cellar                boolean  NULL,
    ADD COLUMN rented                boolean  NULL;
UPDATE saved_queries SET note = title WHERE title IS NOT NULL;

-- ---------------------------------------------------------------- projects
ALTER TABLE projects RENAME COLUMN description TO description_note;
ALTER TABLE projects
    ADD COLUMN title               text    NULL,
    ADD COLUMN project_id          text    NULL,   -- the project's short code, e.g. "LH"
    ADD COLUMN location_id         bigint  NULL,
    ADD COLUMN for_rent            boolean NOT NULL DEFAULT false,
    ADD COLUMN courtage            text    NULL,
    ADD COLUMN courtage_note       text    NULL,
    ADD COLUMN location_note       text    NULL,
    ADD COLUMN furnishing_note     text    NULL,
    ADD COLUMN note                text    NULL,
    ADD COLUMN warning_notice      text    NULL,
    ADD COLUMN construction_year   integer NULL,
    ADD COLUMN sublocality_level_1 text    NULL,
    ADD COLUMN address             text    NULL,
    ADD COLUMN hide_address        boolean NOT NULL DEFAULT false;
UPDATE projects SET
    status = CASE status
        WHEN 'Planung' THEN 'ACQUISITION'
        WHEN 'Im Bau' THEN 'PROGRESS'
        WHEN 'Vertrieb' THEN 'SALES'
        WHEN 'Fertiggestellt' THEN 'SOLD'
        ELSE status END,
    title = name,
    project_id = (SELECT string_agg(upper(left(w, 1)), '') FROM regexp_split_to_table(name, '\s+') w WHERE w <> ''),
    address = NULLIF(concat_ws(', ', NULLIF(concat_ws(' ', street, house_number), ''),
                                     NULLIF(concat_ws(' ', zip_code, city), '')), '');

-- ---------------------------------------------------------------- property_details (Objekt-Texte)
ALTER TABLE property_details RENAME COLUMN body TO value;
ALTER TABLE property_detail_translations RENAME COLUMN body TO value;
