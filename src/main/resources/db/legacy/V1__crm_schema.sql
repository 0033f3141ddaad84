-- The CRM source schema. Every tenant table carries account_id and leads its
-- indexes with it, because a dump scans one account's rows of every table.
-- Timestamps are `timestamp` (UTC wall clock, no zone), as the Propstack dump shows them.

CREATE TABLE accounts (
    id                 bigserial PRIMARY KEY,
    name               text        NOT NULL,
    datadump_enabled   boolean     NOT NULL DEFAULT false,
    time_zone          text        NOT NULL DEFAULT 'Europe/Berlin',
    dump_time          time        NULL,            -- null: the global default
    created_at         timestamp   NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    updated_at         timestamp   NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

-- Custom field definitions: per account and entity (entity = dumped table name).
CREATE TABLE custom_field_definitions (
    id          bigserial PRIMARY KEY,
    account_id  bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    entity      text      NOT NULL,
    name        text      NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]{0,62}$'),
    label       text      NULL,
    field_type  text      NOT NULL CHECK (field_type IN ('string', 'number', 'boolean', 'date', 'select', 'multiselect')),
    options     text[]    NOT NULL DEFAULT '{}',
    position    integer   NOT NULL DEFAULT 0,
    created_at  timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    updated_at  timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    UNIQUE (account_id, entity, name)
);

-- ---------------------------------------------------------------- key-value tables
CREATE TABLE groups (
    id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL, position integer NOT NULL DEFAULT 0,
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE client_sources (
    id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL, position integer NOT NULL DEFAULT 0,
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE client_reasons (
    id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL, position integer NOT NULL DEFAULT 0,
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE client_statuses (
    id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL, position integer NOT NULL DEFAULT 0,
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE reservation_reasons (
    id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL, position integer NOT NULL DEFAULT 0,
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE TABLE property_statuses (
    id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name text NOT NULL, position integer NOT NULL DEFAULT 0,
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'), updated_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'));
CREATE INDEX groups_account_idx ON groups (account_id, id);
CREATE INDEX client_sources_account_idx ON client_sources (account_id, id);
CREATE INDEX client_reasons_account_idx ON client_reasons (account_id, id);
CREATE INDEX client_statuses_account_idx ON client_statuses (account_id, id);
CREATE INDEX reservation_reasons_account_idx ON reservation_reasons (account_id, id);
CREATE INDEX property_statuses_account_idx ON property_statuses (account_id, id);

-- ---------------------------------------------------------------- organisation
-- teams = "Mandanten" (legal entities / branches of a brokerage)
CREATE TABLE teams (
    id                  bigserial PRIMARY KEY,
    account_id          bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name                text      NOT NULL,
    email               text      NULL,
    phone               text      NULL,
    street              text      NULL,
    house_number        text      NULL,
    zip_code            text      NULL,
    city                text      NULL,
    country             text      NULL,
    website             text      NULL,
    commercial_register text      NULL,
    vat_id              text      NULL,
    created_at          timestamp NOT NULL,
    updated_at          timestamp NOT NULL
);
CREATE INDEX teams_account_idx ON teams (account_id, id);

-- departments = "Teams" (groups of brokers)
CREATE TABLE departments (
    id          bigserial PRIMARY KEY,
    account_id  bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    team_id     bigint    NULL REFERENCES teams (id),
    name        text      NOT NULL,
    created_at  timestamp NOT NULL,
    updated_at  timestamp NOT NULL
);
CREATE INDEX departments_account_idx ON departments (account_id, id);

-- brokers = "Nutzer" (users of the CRM)
CREATE TABLE brokers (
    id              bigserial PRIMARY KEY,
    account_id      bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    team_id         bigint    NULL REFERENCES teams (id),
    department_ids  bigint[]  NOT NULL DEFAULT '{}',
    salutation      text      NULL,
    academic_title  text      NULL,
    first_name      text      NULL,
    last_name       text      NULL,
    name            text      NOT NULL,
    email           text      NOT NULL,
    public_email    text      NULL,
    phone           text      NULL,
    cell            text      NULL,
    position        text      NULL,
    abbreviation    text      NULL,
    role            text      NOT NULL DEFAULT 'broker',
    locale          text      NULL,
    time_zone       text      NULL,
    archived        boolean   NOT NULL DEFAULT false,
    last_logged_in_at timestamp NULL,
    custom_fields   jsonb     NOT NULL DEFAULT '{}',
    created_at      timestamp NOT NULL,
    updated_at      timestamp NOT NULL
);
CREATE INDEX brokers_account_idx ON brokers (account_id, id);

-- ---------------------------------------------------------------- contacts
CREATE TABLE contacts (
    id                          bigserial PRIMARY KEY,
    account_id                  bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    academic_title              text      NULL,
    active_reservations         bigint[]  NOT NULL DEFAULT '{}',
    archived                    boolean   NOT NULL DEFAULT false,
    birth_name                  text      NULL,
    broker_id                   bigint    NULL REFERENCES brokers (id),
    broker_ids                  bigint[]  NOT NULL DEFAULT '{}',
    cancelation_reason_ids      bigint[]  NOT NULL DEFAULT '{}',
    canceled_reservations       bigint[]  NOT NULL DEFAULT '{}',
    children_count              integer   NOT NULL DEFAULT 0,
    client_reason_id            bigint    NULL REFERENCES client_reasons (id),
    client_source_id            bigint    NULL REFERENCES client_sources (id),
    client_status_id            bigint    NULL REFERENCES client_statuses (id),
    commercial                  boolean   NOT NULL DEFAULT false,
    company                     text      NULL,
    confirmed_at                timestamp NULL,
    contact_sync_broker_ids     bigint[]  NULL,
    cp_delete_request_date      date      NULL,
    cp_profile_updated_at       timestamp NULL,
    created_at                  timestamp NOT NULL,
    create_notification         boolean   NOT NULL DEFAULT false,
    creator_id                  bigint    NULL REFERENCES brokers (id),
    customer_protection_partner boolean   NOT NULL DEFAULT false,
    deleted_at                  timestamp NULL,
    department_ids              bigint[]  NOT NULL DEFAULT '{}',
    description                 text      NULL,
    dob                         date      NULL,
    email                       text      NULL,
    emails                      text[]    NOT NULL DEFAULT '{}',
    equity                      numeric(14, 2) NULL,
    first_name                  text      NULL,
    gdpr_status                 integer   NOT NULL DEFAULT 0,
    has_protection              boolean   NOT NULL DEFAULT false,
    home_address                text      NULL,
    home_cell                   text      NULL,
    home_city                   text      NULL,
    home_country                text      NULL,
    home_fax                    text      NULL,
    home_house_number           text      NULL,
    home_phone                  text      NULL,
    home_street                 text      NULL,
    home_url                    text      NULL,
    home_zip_code               text      NULL,
    identity_number             text      NULL,
    issuing_authority           text      NULL,
    keep_data_till              date      NULL,
    last_contact_at             timestamp NULL,
    last_logged_in_at           timestamp NULL,
    last_name                   text      NULL,
    locale                      text      NULL,
    nationality                 text      NULL,
    newsletter                  boolean   NULL,
    office_address              text      NULL,
    office_cell                 text      NULL,
    office_city                 text      NULL,
    office_country              text      NULL,
    office_fax                  text      NULL,
    office_house_number         text      NULL,
    office_phone                text      NULL,
    office_street               text      NULL,
    office_url                  text      NULL,
    office_zip_code             text      NULL,
    old_crm_id                  text      NULL,
    online                      boolean   NOT NULL DEFAULT false,
    parent_id                   bigint    NULL REFERENCES contacts (id),
    photo                       text      NULL,
    policy_accepted_at          timestamp NULL,
    position                    text      NULL,
    preferred_contact_channel   text      NULL,
    preferred_contact_time      text      NULL,
    property_mailing_wanted     boolean   NOT NULL DEFAULT false,
    rating                      integer   NOT NULL DEFAULT 0,
    relationship                text      NULL,
    salutation                  text      NULL,
    score                       integer   NOT NULL DEFAULT 0,
    second_broker_id            bigint    NULL REFERENCES brokers (id),
    tags                        text[]    NOT NULL DEFAULT '{}',
    third_broker_id             bigint    NULL REFERENCES brokers (id),
    time_zone                   text      NULL,
    updated_at                  timestamp NOT NULL,
    updater_id                  bigint    NULL REFERENCES brokers (id),
    mvsigned                    boolean   NOT NULL DEFAULT false,
    hvsigned                    boolean   NOT NULL DEFAULT false,
    newsletter_unsubscribed     boolean   NOT NULL DEFAULT false,
    from_website                boolean   NOT NULL DEFAULT false,
    locked                      boolean   NOT NULL DEFAULT false,
    home_address_validated      boolean   NOT NULL DEFAULT false,
    group_ids                   bigint[]  NOT NULL DEFAULT '{}',
    custom_fields               jsonb     NOT NULL DEFAULT '{}'
);
CREATE INDEX contacts_account_idx ON contacts (account_id, id);

-- ---------------------------------------------------------------- projects & properties
CREATE TABLE projects (
    id              bigserial PRIMARY KEY,
    account_id      bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name            text      NOT NULL,
    description     text      NULL,
    broker_id       bigint    NULL REFERENCES brokers (id),
    department_ids  bigint[]  NOT NULL DEFAULT '{}',
    street          text      NULL,
    house_number    text      NULL,
    zip_code        text      NULL,
    city            text      NULL,
    country         text      NULL,
    lat             double precision NULL,
    lng             double precision NULL,
    status          text      NULL,
    units_count     integer   NULL,
    archived        boolean   NOT NULL DEFAULT false,
    custom_fields   jsonb     NOT NULL DEFAULT '{}',
    created_at      timestamp NOT NULL,
    updated_at      timestamp NOT NULL
);
CREATE INDEX projects_account_idx ON projects (account_id, id);

CREATE TABLE properties (
    id                                  bigserial PRIMARY KEY,
    account_id                          bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    address                             text      NULL,
    administrative_area_level_1         text      NULL,
    archived                            boolean   NOT NULL DEFAULT false,
    base_rent                           numeric   NULL,
    broker_id                           bigint    NULL REFERENCES brokers (id),
    brokers                             bigint[]  NOT NULL DEFAULT '{}',
    city                                text      NULL,
    copying                             boolean   NOT NULL DEFAULT false,
    country                             text      NULL,
    courtage                            text      NULL,
    created_at                          timestamp NOT NULL,
    creator_id                          bigint    NULL REFERENCES brokers (id),
    deleted_at                          timestamp NULL,
    department_ids                      bigint[]  NOT NULL DEFAULT '{}',
    exposee_id                          text      NULL,
    featured                            boolean   NOT NULL DEFAULT false,
    for_bidding                         boolean   NOT NULL DEFAULT false,
    gastronomy_type                     text      NULL,
    has_courtage                        boolean   NOT NULL DEFAULT false,
    hide_address                        boolean   NOT NULL DEFAULT false,
    house_number                        text      NULL,
    industry_type                       text      NULL,
    investment_type                     text      NULL,
    is24_id                             text      NULL,
    lat                                 double precision NULL,
    living_space                        numeric   NULL,
    lng                                 double precision NULL,
    locale                              text      NULL,
    location_id                         bigint    NULL,
    marketing_type                      text      NULL,
    net_floor_space                     numeric   NULL,
    number_of_rooms                     numeric   NULL,
    object_type                         text      NULL,
    office_type                         text      NULL,
    old_crm_id                          text      NULL,
    plot_area                           numeric   NULL,
    price                               numeric   NULL,
    price_interval_type                 text      NULL,
    project_id                          bigint    NULL REFERENCES projects (id),
    property_status_id                  bigint    NULL REFERENCES property_statuses (id),
    rs_type                             text      NULL,
    short_term_accomodation_type        text      NULL,
    special_purpose_type                text      NULL,
    start_rental_date                   date      NULL,
    statistics                          text      NOT NULL DEFAULT '{}',
    street                              text      NULL,
    sublocality_level_1                 text      NULL,
    total_floor_space                   numeric   NULL,
    unit_id                             text      NULL,
    updated_at                          timestamp NOT NULL,
    zip_code                            text      NULL,
    lift                                boolean   NOT NULL DEFAULT false,
    ramp                                boolean   NOT NULL DEFAULT false,
    floor                               integer   NULL,
    sauna                               boolean   NOT NULL DEFAULT false,
    cellar                              boolean   NOT NULL DEFAULT false,
    garden                              boolean   NOT NULL DEFAULT false,
    loggia                              boolean   NOT NULL DEFAULT false,
    rented                              boolean   NOT NULL DEFAULT false,
    balcony                             boolean   NOT NULL DEFAULT false,
    chimney                             boolean   NOT NULL DEFAULT false,
    terrace                             boolean   NOT NULL DEFAULT false,
    monument                            boolean   NOT NULL DEFAULT false,
    auto_lift                           boolean   NOT NULL DEFAULT false,
    condition                           text      NULL,
    storeroom                           boolean   NOT NULL DEFAULT false,
    demolition                          boolean   NOT NULL DEFAULT false,
    goods_lift                          boolean   NOT NULL DEFAULT false,
    non_smoker                          boolean   NOT NULL DEFAULT false,
    total_rent                          double precision NULL,
    has_canteen                         boolean   NOT NULL DEFAULT false,
    lodger_flat                         boolean   NOT NULL DEFAULT false,
    other_costs                         double precision NULL,
    alarm_system                        boolean   NOT NULL DEFAULT false,
    barrier_free                        boolean   NOT NULL DEFAULT false,
    crane_runway                        boolean   NOT NULL DEFAULT false,
    firing_types                        text      NULL,
    guest_toilet                        boolean   NOT NULL DEFAULT false,
    heating_type                        text      NULL,
    high_voltage                        boolean   NOT NULL DEFAULT false,
    rent_subsidy                        double precision NULL,
    flooring_type                       text[]    NOT NULL DEFAULT '{}',
    has_furniture                       boolean   NOT NULL DEFAULT false,
    heating_costs                       double precision NULL,
    rental_income                       double precision NULL,
    swimming_pool                       boolean   NOT NULL DEFAULT false,
    wellness_area                       boolean   NOT NULL DEFAULT false,
    winter_garden                       boolean   NOT NULL DEFAULT false,
    apartment_type                      text      NULL,
    rotation_fixed                      boolean   NOT NULL DEFAULT false,
    service_charge                      double precision NULL,
    air_conditioning                    boolean   NOT NULL DEFAULT false,
    built_in_kitchen                    boolean   NOT NULL DEFAULT false,
    interior_quality                    text      NULL,
    kitchen_complete                    boolean   NOT NULL DEFAULT false,
    number_of_floors                    integer   NULL,
    price_on_inquiry                    boolean   NOT NULL DEFAULT false,
    construction_year                   integer   NULL,
    conservation_areas                  boolean   NOT NULL DEFAULT false,
    building_permission                 boolean   NOT NULL DEFAULT false,
    flat_share_suitable                 boolean   NOT NULL DEFAULT false,
    maintenance_reserve                 double precision NULL,
    preliminary_enquiry                 boolean   NOT NULL DEFAULT false,
    landing_page_blocked                boolean   NOT NULL DEFAULT false,
    short_term_constructible            boolean   NOT NULL DEFAULT false,
    construction_year_unknown           boolean   NOT NULL DEFAULT false,
    summer_residence_practical          boolean   NOT NULL DEFAULT false,
    energy_certificate_availability     text      NULL,
    heating_costs_in_service_charge     boolean   NOT NULL DEFAULT false,
    certificate_of_eligibility_needed   boolean   NOT NULL DEFAULT false,
    energy_consumption_contains_warm_water boolean NOT NULL DEFAULT false,
    group_ids                           bigint[]  NOT NULL DEFAULT '{}',
    custom_fields                       jsonb     NOT NULL DEFAULT '{}'
);
CREATE INDEX properties_account_idx ON properties (account_id, id);

-- property texts ("Objekt-Texte"), one row per text field, with translations
CREATE TABLE property_details (
    id           bigserial PRIMARY KEY,
    account_id   bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    property_id  bigint    NOT NULL REFERENCES properties (id),
    name         text      NOT NULL,   -- e.g. description_note, location_note
    label        text      NULL,
    locale       text      NOT NULL DEFAULT 'de',
    body         text      NULL,
    created_at   timestamp NOT NULL,
    updated_at   timestamp NOT NULL
);
CREATE INDEX property_details_account_idx ON property_details (account_id, id);

CREATE TABLE property_detail_translations (
    id                  bigserial PRIMARY KEY,
    account_id          bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    property_detail_id  bigint    NOT NULL REFERENCES property_details (id) ON DELETE CASCADE,
    locale              text      NOT NULL,
    body                text      NULL,
    created_at          timestamp NOT NULL,
    updated_at          timestamp NOT NULL,
    UNIQUE (property_detail_id, locale)
);
CREATE INDEX property_detail_translations_account_idx ON property_detail_translations (account_id, property_detail_id);

CREATE TABLE images (
    id                 bigserial PRIMARY KEY,
    account_id         bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    property_id        bigint    NULL REFERENCES properties (id),
    project_id         bigint    NULL REFERENCES projects (id),
    title              text      NULL,
    url                text      NOT NULL,
    position           integer   NOT NULL DEFAULT 0,
    width              integer   NULL,
    height             integer   NULL,
    is_private         boolean   NOT NULL DEFAULT false,
    is_floorplan       boolean   NOT NULL DEFAULT false,
    is_not_for_expose  boolean   NOT NULL DEFAULT false,
    created_at         timestamp NOT NULL,
    updated_at         timestamp NOT NULL
);
CREATE INDEX images_account_idx ON images (account_id, id);

CREATE TABLE documents (
    id            bigserial PRIMARY KEY,
    account_id    bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          text      NOT NULL,
    title         text      NULL,
    content_type  text      NOT NULL,
    size          bigint    NOT NULL,
    url           text      NOT NULL,
    broker_id     bigint    NULL REFERENCES brokers (id),
    client_id     bigint    NULL REFERENCES contacts (id),
    property_id   bigint    NULL REFERENCES properties (id),
    project_id    bigint    NULL REFERENCES projects (id),
    is_private    boolean   NOT NULL DEFAULT false,
    is_exposee    boolean   NOT NULL DEFAULT false,
    tags          text[]    NOT NULL DEFAULT '{}',
    created_at    timestamp NOT NULL,
    updated_at    timestamp NOT NULL
);
CREATE INDEX documents_account_idx ON documents (account_id, id);

-- ---------------------------------------------------------------- pipelines & deals
CREATE TABLE deal_pipelines (
    id          bigserial PRIMARY KEY,
    account_id  bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        text      NOT NULL,
    position    integer   NOT NULL DEFAULT 0,
    broker_ids  bigint[]  NOT NULL DEFAULT '{}',
    created_at  timestamp NOT NULL,
    updated_at  timestamp NOT NULL
);
CREATE INDEX deal_pipelines_account_idx ON deal_pipelines (account_id, id);

CREATE TABLE deal_stages (
    id                bigserial PRIMARY KEY,
    account_id        bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    deal_pipeline_id  bigint    NOT NULL REFERENCES deal_pipelines (id) ON DELETE CASCADE,
    name              text      NOT NULL,
    position          integer   NOT NULL DEFAULT 0,
    chance            integer   NOT NULL DEFAULT 0,
    color             text      NULL,
    created_at        timestamp NOT NULL,
    updated_at        timestamp NOT NULL
);
CREATE INDEX deal_stages_account_idx ON deal_stages (account_id, deal_pipeline_id, position);

CREATE TABLE deals (
    id                     bigserial PRIMARY KEY,
    account_id             bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at             timestamp NOT NULL,
    updated_at             timestamp NOT NULL,
    deal_stage_id          bigint    NOT NULL REFERENCES deal_stages (id),
    deal_pipeline_id       bigint    NOT NULL REFERENCES deal_pipelines (id),
    deal_stage_chance      integer   NULL,
    reservation_reason_id  bigint    NULL REFERENCES reservation_reasons (id),
    client_source_id       bigint    NULL REFERENCES client_sources (id),
    broker_id              bigint    NULL REFERENCES brokers (id),
    client_id              bigint    NULL REFERENCES contacts (id),
    property_id            bigint    NULL REFERENCES properties (id),
    project_id             bigint    NULL REFERENCES projects (id),
    start_date             date      NULL,
    price                  numeric(14, 2) NULL,
    sold_price             numeric(14, 2) NULL,
    sold_date              date      NULL,
    note                   text      NULL,
    custom_fields          jsonb     NOT NULL DEFAULT '{}'
);
CREATE INDEX deals_account_idx ON deals (account_id, id);

CREATE TABLE commission_splits (
    id          bigserial PRIMARY KEY,
    account_id  bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    deal_id     bigint    NOT NULL REFERENCES deals (id),
    broker_id   bigint    NOT NULL REFERENCES brokers (id),
    kind        text      NOT NULL,          -- seller / buyer / referral
    percentage  numeric(5, 2) NOT NULL,
    amount      numeric(14, 2) NULL,
    created_at  timestamp NOT NULL,
    updated_at  timestamp NOT NULL
);
CREATE INDEX commission_splits_account_idx ON commission_splits (account_id, id);

-- ---------------------------------------------------------------- activities
CREATE TABLE appointments (
    id              bigserial PRIMARY KEY,
    account_id      bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at      timestamp NOT NULL,
    updated_at      timestamp NOT NULL,
    note_type_id    integer   NOT NULL DEFAULT 6,
    starts_at       timestamp NOT NULL,
    ends_at         timestamp NOT NULL,
    title           text      NULL,
    body            text      NULL,
    location        text      NULL,
    broker_id       bigint    NULL REFERENCES brokers (id),
    state           integer   NOT NULL DEFAULT 0,
    clients_ids     bigint[]  NOT NULL DEFAULT '{}',
    properties_ids  bigint[]  NOT NULL DEFAULT '{}',
    projects_ids    bigint[]  NOT NULL DEFAULT '{}',
    rrule           text      NULL,
    is_campaign     boolean   NOT NULL DEFAULT false,
    clients_status  jsonb     NOT NULL DEFAULT '[]',
    send_reminders  boolean   NOT NULL DEFAULT false,
    all_day         boolean   NOT NULL DEFAULT false,
    private         boolean   NOT NULL DEFAULT false
);
CREATE INDEX appointments_account_idx ON appointments (account_id, id);

CREATE TABLE cancelations (
    id                     bigserial PRIMARY KEY,
    account_id             bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at             timestamp NOT NULL,
    updated_at             timestamp NOT NULL,
    note_type_id           integer   NOT NULL DEFAULT 11,
    starts_at              timestamp NULL,
    ends_at                timestamp NULL,
    title                  text      NULL,
    body                   text      NULL,
    broker_id              bigint    NULL REFERENCES brokers (id),
    state                  integer   NOT NULL DEFAULT 0,
    client_ids             bigint[]  NOT NULL DEFAULT '{}',
    property_ids           bigint[]  NOT NULL DEFAULT '{}',
    project_ids            bigint[]  NOT NULL DEFAULT '{}',
    reservation_reason_id  bigint    NULL REFERENCES reservation_reasons (id)
);
CREATE INDEX cancelations_account_idx ON cancelations (account_id, id);

CREATE TABLE notes (
    id            bigserial PRIMARY KEY,
    account_id    bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    note_type_id  integer   NOT NULL,
    title         text      NULL,
    body          text      NULL,
    broker_id     bigint    NULL REFERENCES brokers (id),
    client_ids    bigint[]  NOT NULL DEFAULT '{}',
    property_ids  bigint[]  NOT NULL DEFAULT '{}',
    project_ids   bigint[]  NOT NULL DEFAULT '{}',
    deal_ids      bigint[]  NOT NULL DEFAULT '{}',
    pinned        boolean   NOT NULL DEFAULT false,
    created_at    timestamp NOT NULL,
    updated_at    timestamp NOT NULL
);
CREATE INDEX notes_account_idx ON notes (account_id, id);

-- e-mails
CREATE TABLE messages (
    id               bigserial PRIMARY KEY,
    account_id       bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    message_id       text      NULL,          -- RFC 5322 Message-ID
    folder           text      NOT NULL,      -- inbox / sent / draft
    from_address     text      NULL,
    to_addresses     text[]    NOT NULL DEFAULT '{}',
    cc_addresses     text[]    NOT NULL DEFAULT '{}',
    bcc_addresses    text[]    NOT NULL DEFAULT '{}',
    subject          text      NULL,
    body             text      NULL,
    date             timestamp NULL,
    read             boolean   NOT NULL DEFAULT false,
    has_attachments  boolean   NOT NULL DEFAULT false,
    broker_id        bigint    NULL REFERENCES brokers (id),
    client_ids       bigint[]  NOT NULL DEFAULT '{}',
    property_ids     bigint[]  NOT NULL DEFAULT '{}',
    project_ids      bigint[]  NOT NULL DEFAULT '{}',
    created_at       timestamp NOT NULL,
    updated_at       timestamp NOT NULL
);
CREATE INDEX messages_account_idx ON messages (account_id, id);

CREATE TABLE todos (
    id            bigserial PRIMARY KEY,
    account_id    bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title         text      NOT NULL,
    body          text      NULL,
    due_date      timestamp NULL,
    remind_at     timestamp NULL,
    done          boolean   NOT NULL DEFAULT false,
    done_at       timestamp NULL,
    broker_id     bigint    NULL REFERENCES brokers (id),
    creator_id    bigint    NULL REFERENCES brokers (id),
    client_ids    bigint[]  NOT NULL DEFAULT '{}',
    property_ids  bigint[]  NOT NULL DEFAULT '{}',
    project_ids   bigint[]  NOT NULL DEFAULT '{}',
    created_at    timestamp NOT NULL,
    updated_at    timestamp NOT NULL
);
CREATE INDEX todos_account_idx ON todos (account_id, id);

-- "Nachweise": proof that a property was offered to a contact (commission claims)
CREATE TABLE policies (
    id           bigserial PRIMARY KEY,
    account_id   bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    client_id    bigint    NOT NULL REFERENCES contacts (id),
    property_id  bigint    NULL REFERENCES properties (id),
    project_id   bigint    NULL REFERENCES projects (id),
    broker_id    bigint    NULL REFERENCES brokers (id),
    channel      text      NOT NULL,     -- email / portal / phone / letter
    sent_at      timestamp NOT NULL,
    confirmed    boolean   NOT NULL DEFAULT false,
    note         text      NULL,
    created_at   timestamp NOT NULL,
    updated_at   timestamp NOT NULL
);
CREATE INDEX policies_account_idx ON policies (account_id, id);

-- links between contacts, and between contacts and properties (owner, tenant, ...)
CREATE TABLE relationships (
    id                 bigserial PRIMARY KEY,
    account_id         bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    internal_name      text      NOT NULL,
    name               text      NOT NULL,
    client_id          bigint    NOT NULL REFERENCES contacts (id),
    related_client_id  bigint    NULL REFERENCES contacts (id),
    property_id        bigint    NULL REFERENCES properties (id),
    project_id         bigint    NULL REFERENCES projects (id),
    created_at         timestamp NOT NULL,
    updated_at         timestamp NOT NULL
);
CREATE INDEX relationships_account_idx ON relationships (account_id, id);

-- "Suchprofile": what a contact is looking for
CREATE TABLE saved_queries (
    id                     bigserial PRIMARY KEY,
    account_id             bigint    NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    client_id              bigint    NOT NULL REFERENCES contacts (id),
    broker_id              bigint    NULL REFERENCES brokers (id),
    title                  text      NULL,
    active                 boolean   NOT NULL DEFAULT true,
    marketing_type         text      NULL,
    rs_types               text[]    NOT NULL DEFAULT '{}',
    cities                 text[]    NOT NULL DEFAULT '{}',
    zip_codes              text[]    NOT NULL DEFAULT '{}',
    price_from             numeric   NULL,
    price_to               numeric   NULL,
    base_rent_from         numeric   NULL,
    base_rent_to           numeric   NULL,
    living_space_from      numeric   NULL,
    living_space_to        numeric   NULL,
    number_of_rooms_from   numeric   NULL,
    number_of_rooms_to     numeric   NULL,
    plot_area_from         numeric   NULL,
    plot_area_to           numeric   NULL,
    lat                    double precision NULL,
    lng                    double precision NULL,
    radius                 integer   NULL,
    balcony                boolean   NULL,
    garden                 boolean   NULL,
    lift                   boolean   NULL,
    created_at             timestamp NOT NULL,
    updated_at             timestamp NOT NULL
);
CREATE INDEX saved_queries_account_idx ON saved_queries (account_id, id);
