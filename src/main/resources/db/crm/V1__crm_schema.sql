-- The built-in demo CRM (the source the default catalog in src/main/resources/tables reads), in schema crm.
-- Generated with pg_dump --schema-only from an installation upgraded from the single-schema migrations
-- (db/legacy V1-V8, then db/legacy-upgrade.sql), so a fresh installation and an upgraded one are the same;
-- MigrationTest compares the two. Later changes go into V2 and up.

CREATE TABLE crm.accounts (
    id bigint NOT NULL,
    name text NOT NULL,
    time_zone text DEFAULT 'Europe/Berlin'::text NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL
);

CREATE SEQUENCE crm.accounts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.accounts_id_seq OWNED BY crm.accounts.id;

CREATE TABLE crm.appointments (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    note_type_id integer DEFAULT 6 NOT NULL,
    starts_at timestamp without time zone NOT NULL,
    ends_at timestamp without time zone NOT NULL,
    title text,
    body text,
    location text,
    broker_id bigint,
    state integer DEFAULT 0 NOT NULL,
    clients_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    properties_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    projects_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    rrule text,
    is_campaign boolean DEFAULT false NOT NULL,
    clients_status jsonb DEFAULT '[]'::jsonb NOT NULL,
    send_reminders boolean DEFAULT false NOT NULL,
    all_day boolean DEFAULT false NOT NULL,
    private boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE crm.appointments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.appointments_id_seq OWNED BY crm.appointments.id;

CREATE TABLE crm.brokers (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    team_id bigint,
    department_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    salutation text,
    academic_title text,
    first_name text,
    last_name text,
    name text NOT NULL,
    email text NOT NULL,
    public_email text,
    phone text,
    cell text,
    "position" text,
    abbreviation text,
    role text DEFAULT 'broker'::text NOT NULL,
    locale text,
    time_zone text,
    archived boolean DEFAULT false NOT NULL,
    last_logged_in_at timestamp without time zone,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    public_phone text,
    public_cell text,
    avatar_url text,
    color text,
    abstract text,
    description text,
    old_crm_id text,
    connected boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE crm.brokers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.brokers_id_seq OWNED BY crm.brokers.id;

CREATE TABLE crm.cancelations (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    note_type_id integer DEFAULT 11 NOT NULL,
    starts_at timestamp without time zone,
    ends_at timestamp without time zone,
    title text,
    body text,
    broker_id bigint,
    state integer DEFAULT 0 NOT NULL,
    client_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    property_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    project_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    reservation_reason_id bigint
);

CREATE SEQUENCE crm.cancelations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.cancelations_id_seq OWNED BY crm.cancelations.id;

CREATE TABLE crm.client_reasons (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL
);

CREATE SEQUENCE crm.client_reasons_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.client_reasons_id_seq OWNED BY crm.client_reasons.id;

CREATE TABLE crm.client_sources (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL
);

CREATE SEQUENCE crm.client_sources_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.client_sources_id_seq OWNED BY crm.client_sources.id;

CREATE TABLE crm.client_statuses (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL
);

CREATE SEQUENCE crm.client_statuses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.client_statuses_id_seq OWNED BY crm.client_statuses.id;

CREATE TABLE crm.commission_splits (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    deal_id bigint,
    broker_id bigint,
    kind text,
    percentage numeric(5,2) NOT NULL,
    amount numeric(14,2),
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    property_id bigint,
    client_id bigint,
    group_id bigint,
    CONSTRAINT commission_splits_one_recipient CHECK (((broker_id IS NULL) <> (client_id IS NULL)))
);

CREATE SEQUENCE crm.commission_splits_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.commission_splits_id_seq OWNED BY crm.commission_splits.id;

CREATE TABLE crm.contacts (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    academic_title text,
    active_reservations bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    archived boolean DEFAULT false NOT NULL,
    birth_name text,
    broker_id bigint,
    broker_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    cancelation_reason_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    canceled_reservations bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    children_count integer DEFAULT 0 NOT NULL,
    client_reason_id bigint,
    client_source_id bigint,
    client_status_id bigint,
    commercial boolean DEFAULT false NOT NULL,
    company text,
    confirmed_at timestamp without time zone,
    contact_sync_broker_ids bigint[],
    cp_delete_request_date date,
    cp_profile_updated_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    create_notification boolean DEFAULT false NOT NULL,
    creator_id bigint,
    customer_protection_partner boolean DEFAULT false NOT NULL,
    deleted_at timestamp without time zone,
    department_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    description text,
    dob date,
    email text,
    emails text[] DEFAULT '{}'::text[] NOT NULL,
    equity numeric(14,2),
    first_name text,
    gdpr_status integer DEFAULT 0 NOT NULL,
    has_protection boolean DEFAULT false NOT NULL,
    home_address text,
    home_cell text,
    home_city text,
    home_country text,
    home_fax text,
    home_house_number text,
    home_phone text,
    home_street text,
    home_url text,
    home_zip_code text,
    identity_number text,
    issuing_authority text,
    keep_data_till date,
    last_contact_at timestamp without time zone,
    last_logged_in_at timestamp without time zone,
    last_name text,
    locale text,
    nationality text,
    newsletter boolean,
    office_address text,
    office_cell text,
    office_city text,
    office_country text,
    office_fax text,
    office_house_number text,
    office_phone text,
    office_street text,
    office_url text,
    office_zip_code text,
    old_crm_id text,
    online boolean DEFAULT false NOT NULL,
    parent_id bigint,
    photo text,
    policy_accepted_at timestamp without time zone,
    "position" text,
    preferred_contact_channel text,
    preferred_contact_time text,
    property_mailing_wanted boolean DEFAULT false NOT NULL,
    rating integer DEFAULT 0 NOT NULL,
    relationship text,
    salutation text,
    score integer DEFAULT 0 NOT NULL,
    second_broker_id bigint,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    third_broker_id bigint,
    time_zone text,
    updated_at timestamp without time zone NOT NULL,
    updater_id bigint,
    mvsigned boolean DEFAULT false NOT NULL,
    hvsigned boolean DEFAULT false NOT NULL,
    newsletter_unsubscribed boolean DEFAULT false NOT NULL,
    from_website boolean DEFAULT false NOT NULL,
    locked boolean DEFAULT false NOT NULL,
    home_address_validated boolean DEFAULT false NOT NULL,
    group_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL
);

CREATE SEQUENCE crm.contacts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.contacts_id_seq OWNED BY crm.contacts.id;

CREATE TABLE crm.custom_field_definitions (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    entity text NOT NULL,
    name text NOT NULL,
    label text,
    field_type text NOT NULL,
    options text[] DEFAULT '{}'::text[] NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    CONSTRAINT custom_field_definitions_field_type_check CHECK ((field_type = ANY (ARRAY['string'::text, 'number'::text, 'boolean'::text, 'date'::text, 'select'::text, 'multiselect'::text]))),
    CONSTRAINT custom_field_definitions_name_check CHECK ((name ~ '^[a-z][a-z0-9_]{0,62}$'::text))
);

CREATE SEQUENCE crm.custom_field_definitions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.custom_field_definitions_id_seq OWNED BY crm.custom_field_definitions.id;

CREATE TABLE crm.deal_pipelines (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    broker_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE crm.deal_pipelines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.deal_pipelines_id_seq OWNED BY crm.deal_pipelines.id;

CREATE TABLE crm.deal_stages (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    deal_pipeline_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    chance integer DEFAULT 0 NOT NULL,
    color text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE crm.deal_stages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.deal_stages_id_seq OWNED BY crm.deal_stages.id;

CREATE TABLE crm.deals (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    deal_stage_id bigint NOT NULL,
    deal_pipeline_id bigint NOT NULL,
    deal_stage_chance integer,
    reservation_reason_id bigint,
    client_source_id bigint,
    broker_id bigint,
    client_id bigint,
    property_id bigint,
    project_id bigint,
    start_date date,
    price numeric(14,2),
    sold_price numeric(14,2),
    sold_date date,
    note text,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL
);

CREATE SEQUENCE crm.deals_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.deals_id_seq OWNED BY crm.deals.id;

CREATE TABLE crm.departments (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    team_id bigint,
    name text NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    "position" integer DEFAULT 0 NOT NULL
);

CREATE SEQUENCE crm.departments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.departments_id_seq OWNED BY crm.departments.id;

CREATE TABLE crm.documents (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    title text,
    content_type text,
    size bigint,
    url text NOT NULL,
    broker_id bigint,
    client_id bigint,
    property_id bigint,
    project_id bigint,
    is_private boolean DEFAULT false NOT NULL,
    is_exposee boolean DEFAULT false NOT NULL,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    token text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    folder_id bigint,
    on_landing_page boolean DEFAULT false NOT NULL,
    second_document boolean DEFAULT false NOT NULL,
    is_floorplan boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE crm.documents_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.documents_id_seq OWNED BY crm.documents.id;

CREATE TABLE crm.groups (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL
);

CREATE SEQUENCE crm.groups_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.groups_id_seq OWNED BY crm.groups.id;

CREATE TABLE crm.images (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    title text,
    url text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    width integer,
    height integer,
    is_private boolean DEFAULT false NOT NULL,
    is_floorplan boolean DEFAULT false NOT NULL,
    is_not_for_exposee boolean DEFAULT false NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    imageable_type text,
    imageable_id bigint,
    tags text[] DEFAULT '{}'::text[] NOT NULL,
    connection_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    CONSTRAINT images_imageable_type_check CHECK ((imageable_type = ANY (ARRAY['Property'::text, 'Project'::text]))),
    CONSTRAINT images_owner CHECK (((imageable_type IS NULL) = (imageable_id IS NULL)))
);

CREATE SEQUENCE crm.images_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.images_id_seq OWNED BY crm.images.id;

CREATE TABLE crm.messages (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    message_id text,
    folder text,
    from_address text,
    to_addresses text[] DEFAULT '{}'::text[] NOT NULL,
    cc_addresses text[] DEFAULT '{}'::text[] NOT NULL,
    bcc_addresses text[] DEFAULT '{}'::text[] NOT NULL,
    subject text,
    body text,
    date timestamp without time zone,
    read boolean DEFAULT false NOT NULL,
    has_attachments boolean DEFAULT false NOT NULL,
    broker_id bigint,
    client_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    property_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    project_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    snippet_id bigint,
    message_category_id bigint,
    archived boolean DEFAULT false NOT NULL,
    attachments jsonb DEFAULT '[]'::jsonb NOT NULL
);

CREATE SEQUENCE crm.messages_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.messages_id_seq OWNED BY crm.messages.id;

CREATE TABLE crm.notes (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    note_type_id integer NOT NULL,
    title text,
    body text,
    broker_id bigint,
    client_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    property_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    project_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    deal_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    pinned boolean DEFAULT false NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    group_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    task_creator_id bigint,
    task_updater_id bigint
);

CREATE SEQUENCE crm.notes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.notes_id_seq OWNED BY crm.notes.id;

CREATE TABLE crm.policies (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    client_id bigint NOT NULL,
    property_id bigint,
    project_id bigint,
    broker_id bigint,
    channel text,
    sent_at timestamp without time zone,
    confirmed boolean DEFAULT false NOT NULL,
    note text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    name text NOT NULL,
    message_id bigint,
    read boolean DEFAULT false NOT NULL,
    accept_service boolean DEFAULT false NOT NULL,
    accept_terms boolean DEFAULT false NOT NULL,
    accept_privacy boolean DEFAULT false NOT NULL,
    accept_contact boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE crm.policies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.policies_id_seq OWNED BY crm.policies.id;

CREATE TABLE crm.projects (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    description_note text,
    broker_id bigint,
    department_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    street text,
    house_number text,
    zip_code text,
    city text,
    country text,
    lat double precision,
    lng double precision,
    status text,
    units_count integer,
    archived boolean DEFAULT false NOT NULL,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    title text,
    project_id text,
    location_id bigint,
    for_rent boolean DEFAULT false NOT NULL,
    courtage text,
    courtage_note text,
    location_note text,
    furnishing_note text,
    note text,
    warning_notice text,
    construction_year integer,
    sublocality_level_1 text,
    address text,
    hide_address boolean DEFAULT false NOT NULL
);

CREATE SEQUENCE crm.projects_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.projects_id_seq OWNED BY crm.projects.id;

CREATE TABLE crm.properties (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    address text,
    administrative_area_level_1 text,
    archived boolean DEFAULT false NOT NULL,
    base_rent numeric,
    broker_id bigint,
    brokers bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    city text,
    copying boolean DEFAULT false NOT NULL,
    country text,
    courtage text,
    created_at timestamp without time zone NOT NULL,
    creator_id bigint,
    deleted_at timestamp without time zone,
    department_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    exposee_id text,
    featured boolean DEFAULT false NOT NULL,
    for_bidding boolean DEFAULT false NOT NULL,
    gastronomy_type text,
    has_courtage boolean DEFAULT false NOT NULL,
    hide_address boolean DEFAULT false NOT NULL,
    house_number text,
    industry_type text,
    investment_type text,
    is24_id text,
    lat double precision,
    living_space numeric,
    lng double precision,
    locale text,
    location_id bigint,
    marketing_type text,
    net_floor_space numeric,
    number_of_rooms numeric,
    object_type text,
    office_type text,
    old_crm_id text,
    plot_area numeric,
    price numeric,
    price_interval_type text,
    project_id bigint,
    property_status_id bigint,
    rs_type text,
    short_term_accomodation_type text,
    special_purpose_type text,
    start_rental_date date,
    statistics text DEFAULT '{}'::text NOT NULL,
    street text,
    sublocality_level_1 text,
    total_floor_space numeric,
    unit_id text,
    updated_at timestamp without time zone NOT NULL,
    zip_code text,
    lift boolean DEFAULT false NOT NULL,
    ramp boolean DEFAULT false NOT NULL,
    floor integer,
    sauna boolean DEFAULT false NOT NULL,
    cellar boolean DEFAULT false NOT NULL,
    garden boolean DEFAULT false NOT NULL,
    loggia boolean DEFAULT false NOT NULL,
    rented boolean DEFAULT false NOT NULL,
    balcony boolean DEFAULT false NOT NULL,
    chimney boolean DEFAULT false NOT NULL,
    terrace boolean DEFAULT false NOT NULL,
    monument boolean DEFAULT false NOT NULL,
    auto_lift boolean DEFAULT false NOT NULL,
    condition text,
    storeroom boolean DEFAULT false NOT NULL,
    demolition boolean DEFAULT false NOT NULL,
    goods_lift boolean DEFAULT false NOT NULL,
    non_smoker boolean DEFAULT false NOT NULL,
    total_rent double precision,
    has_canteen boolean DEFAULT false NOT NULL,
    lodger_flat boolean DEFAULT false NOT NULL,
    other_costs double precision,
    alarm_system boolean DEFAULT false NOT NULL,
    barrier_free boolean DEFAULT false NOT NULL,
    crane_runway boolean DEFAULT false NOT NULL,
    firing_types text,
    guest_toilet boolean DEFAULT false NOT NULL,
    heating_type text,
    high_voltage boolean DEFAULT false NOT NULL,
    rent_subsidy double precision,
    flooring_type text[] DEFAULT '{}'::text[] NOT NULL,
    has_furniture boolean DEFAULT false NOT NULL,
    heating_costs double precision,
    rental_income double precision,
    swimming_pool boolean DEFAULT false NOT NULL,
    wellness_area boolean DEFAULT false NOT NULL,
    winter_garden boolean DEFAULT false NOT NULL,
    apartment_type text,
    rotation_fixed boolean DEFAULT false NOT NULL,
    service_charge double precision,
    air_conditioning boolean DEFAULT false NOT NULL,
    built_in_kitchen boolean DEFAULT false NOT NULL,
    interior_quality text,
    kitchen_complete boolean DEFAULT false NOT NULL,
    number_of_floors integer,
    price_on_inquiry boolean DEFAULT false NOT NULL,
    construction_year integer,
    conservation_areas boolean DEFAULT false NOT NULL,
    building_permission boolean DEFAULT false NOT NULL,
    flat_share_suitable boolean DEFAULT false NOT NULL,
    maintenance_reserve double precision,
    preliminary_enquiry boolean DEFAULT false NOT NULL,
    landing_page_blocked boolean DEFAULT false NOT NULL,
    short_term_constructible boolean DEFAULT false NOT NULL,
    construction_year_unknown boolean DEFAULT false NOT NULL,
    summer_residence_practical boolean DEFAULT false NOT NULL,
    energy_certificate_availability text,
    heating_costs_in_service_charge boolean DEFAULT false NOT NULL,
    certificate_of_eligibility_needed boolean DEFAULT false NOT NULL,
    energy_consumption_contains_warm_water boolean DEFAULT false NOT NULL,
    group_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    custom_fields jsonb DEFAULT '{}'::jsonb NOT NULL
);

CREATE SEQUENCE crm.properties_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.properties_id_seq OWNED BY crm.properties.id;

CREATE TABLE crm.property_detail_translations (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    property_detail_id bigint NOT NULL,
    locale text NOT NULL,
    value text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE crm.property_detail_translations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.property_detail_translations_id_seq OWNED BY crm.property_detail_translations.id;

CREATE TABLE crm.property_details (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    property_id bigint NOT NULL,
    name text NOT NULL,
    label text,
    locale text DEFAULT 'de'::text NOT NULL,
    value text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE crm.property_details_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.property_details_id_seq OWNED BY crm.property_details.id;

CREATE TABLE crm.property_statuses (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL
);

CREATE SEQUENCE crm.property_statuses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.property_statuses_id_seq OWNED BY crm.property_statuses.id;

CREATE TABLE crm.relationships (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    internal_name text NOT NULL,
    name text NOT NULL,
    client_id bigint NOT NULL,
    related_client_id bigint,
    property_id bigint,
    project_id bigint,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE SEQUENCE crm.relationships_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.relationships_id_seq OWNED BY crm.relationships.id;

CREATE TABLE crm.reservation_reasons (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL
);

CREATE SEQUENCE crm.reservation_reasons_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.reservation_reasons_id_seq OWNED BY crm.reservation_reasons.id;

CREATE TABLE crm.saved_queries (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    client_id bigint NOT NULL,
    broker_id bigint,
    title text,
    active boolean DEFAULT true NOT NULL,
    marketing_type text,
    rs_types text[] DEFAULT '{}'::text[] NOT NULL,
    cities text[] DEFAULT '{}'::text[] NOT NULL,
    zip_codes text[] DEFAULT '{}'::text[] NOT NULL,
    price numeric,
    price_to numeric,
    base_rent numeric,
    base_rent_to numeric,
    living_space numeric,
    living_space_to numeric,
    number_of_rooms numeric,
    number_of_rooms_to numeric,
    plot_area numeric,
    plot_area_to numeric,
    lat double precision,
    lng double precision,
    radius integer,
    balcony boolean,
    garden boolean,
    lift boolean,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    rs_categories text[] DEFAULT '{}'::text[] NOT NULL,
    regions text[] DEFAULT '{}'::text[] NOT NULL,
    location_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    group_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    note text,
    total_rent numeric,
    total_rent_to numeric,
    number_of_bedrooms numeric,
    number_of_bedrooms_to numeric,
    floor integer,
    floor_to integer,
    construction_year integer,
    construction_year_to integer,
    built_in_kitchen boolean,
    cellar boolean,
    rented boolean
);

CREATE SEQUENCE crm.saved_queries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.saved_queries_id_seq OWNED BY crm.saved_queries.id;

CREATE TABLE crm.teams (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text NOT NULL,
    email text,
    phone text,
    street text,
    house_number text,
    zip_code text,
    city text,
    country text,
    website text,
    commercial_register text,
    vat_id text,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    "position" integer DEFAULT 0 NOT NULL,
    logo_url text,
    cancellation_policy_note text,
    imprint_note text,
    terms_note text,
    privacy_note text
);

CREATE SEQUENCE crm.teams_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.teams_id_seq OWNED BY crm.teams.id;

CREATE TABLE crm.todos (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    title text NOT NULL,
    body text,
    due_date timestamp without time zone,
    remind_at timestamp without time zone,
    done boolean DEFAULT false NOT NULL,
    done_at timestamp without time zone,
    broker_id bigint,
    creator_id bigint,
    client_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    property_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    project_ids bigint[] DEFAULT '{}'::bigint[] NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    note_type_id integer DEFAULT 7 NOT NULL,
    state integer DEFAULT 0 NOT NULL,
    is_reminder boolean DEFAULT false NOT NULL,
    task_creator_id bigint,
    task_updater_id bigint
);

CREATE SEQUENCE crm.todos_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE crm.todos_id_seq OWNED BY crm.todos.id;

ALTER TABLE ONLY crm.accounts ALTER COLUMN id SET DEFAULT nextval('crm.accounts_id_seq'::regclass);

ALTER TABLE ONLY crm.appointments ALTER COLUMN id SET DEFAULT nextval('crm.appointments_id_seq'::regclass);

ALTER TABLE ONLY crm.brokers ALTER COLUMN id SET DEFAULT nextval('crm.brokers_id_seq'::regclass);

ALTER TABLE ONLY crm.cancelations ALTER COLUMN id SET DEFAULT nextval('crm.cancelations_id_seq'::regclass);

ALTER TABLE ONLY crm.client_reasons ALTER COLUMN id SET DEFAULT nextval('crm.client_reasons_id_seq'::regclass);

ALTER TABLE ONLY crm.client_sources ALTER COLUMN id SET DEFAULT nextval('crm.client_sources_id_seq'::regclass);

ALTER TABLE ONLY crm.client_statuses ALTER COLUMN id SET DEFAULT nextval('crm.client_statuses_id_seq'::regclass);

ALTER TABLE ONLY crm.commission_splits ALTER COLUMN id SET DEFAULT nextval('crm.commission_splits_id_seq'::regclass);

ALTER TABLE ONLY crm.contacts ALTER COLUMN id SET DEFAULT nextval('crm.contacts_id_seq'::regclass);

ALTER TABLE ONLY crm.custom_field_definitions ALTER COLUMN id SET DEFAULT nextval('crm.custom_field_definitions_id_seq'::regclass);

ALTER TABLE ONLY crm.deal_pipelines ALTER COLUMN id SET DEFAULT nextval('crm.deal_pipelines_id_seq'::regclass);

ALTER TABLE ONLY crm.deal_stages ALTER COLUMN id SET DEFAULT nextval('crm.deal_stages_id_seq'::regclass);

ALTER TABLE ONLY crm.deals ALTER COLUMN id SET DEFAULT nextval('crm.deals_id_seq'::regclass);

ALTER TABLE ONLY crm.departments ALTER COLUMN id SET DEFAULT nextval('crm.departments_id_seq'::regclass);

ALTER TABLE ONLY crm.documents ALTER COLUMN id SET DEFAULT nextval('crm.documents_id_seq'::regclass);

ALTER TABLE ONLY crm.groups ALTER COLUMN id SET DEFAULT nextval('crm.groups_id_seq'::regclass);

ALTER TABLE ONLY crm.images ALTER COLUMN id SET DEFAULT nextval('crm.images_id_seq'::regclass);

ALTER TABLE ONLY crm.messages ALTER COLUMN id SET DEFAULT nextval('crm.messages_id_seq'::regclass);

ALTER TABLE ONLY crm.notes ALTER COLUMN id SET DEFAULT nextval('crm.notes_id_seq'::regclass);

ALTER TABLE ONLY crm.policies ALTER COLUMN id SET DEFAULT nextval('crm.policies_id_seq'::regclass);

ALTER TABLE ONLY crm.projects ALTER COLUMN id SET DEFAULT nextval('crm.projects_id_seq'::regclass);

ALTER TABLE ONLY crm.properties ALTER COLUMN id SET DEFAULT nextval('crm.properties_id_seq'::regclass);

ALTER TABLE ONLY crm.property_detail_translations ALTER COLUMN id SET DEFAULT nextval('crm.property_detail_translations_id_seq'::regclass);

ALTER TABLE ONLY crm.property_details ALTER COLUMN id SET DEFAULT nextval('crm.property_details_id_seq'::regclass);

ALTER TABLE ONLY crm.property_statuses ALTER COLUMN id SET DEFAULT nextval('crm.property_statuses_id_seq'::regclass);

ALTER TABLE ONLY crm.relationships ALTER COLUMN id SET DEFAULT nextval('crm.relationships_id_seq'::regclass);

ALTER TABLE ONLY crm.reservation_reasons ALTER COLUMN id SET DEFAULT nextval('crm.reservation_reasons_id_seq'::regclass);

ALTER TABLE ONLY crm.saved_queries ALTER COLUMN id SET DEFAULT nextval('crm.saved_queries_id_seq'::regclass);

ALTER TABLE ONLY crm.teams ALTER COLUMN id SET DEFAULT nextval('crm.teams_id_seq'::regclass);

ALTER TABLE ONLY crm.todos ALTER COLUMN id SET DEFAULT nextval('crm.todos_id_seq'::regclass);

ALTER TABLE ONLY crm.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.appointments
    ADD CONSTRAINT appointments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.brokers
    ADD CONSTRAINT brokers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.cancelations
    ADD CONSTRAINT cancelations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.client_reasons
    ADD CONSTRAINT client_reasons_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.client_sources
    ADD CONSTRAINT client_sources_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.client_statuses
    ADD CONSTRAINT client_statuses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.commission_splits
    ADD CONSTRAINT commission_splits_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.custom_field_definitions
    ADD CONSTRAINT custom_field_definitions_account_id_entity_name_key UNIQUE (account_id, entity, name);

ALTER TABLE ONLY crm.custom_field_definitions
    ADD CONSTRAINT custom_field_definitions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.deal_pipelines
    ADD CONSTRAINT deal_pipelines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.deal_stages
    ADD CONSTRAINT deal_stages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.departments
    ADD CONSTRAINT departments_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.groups
    ADD CONSTRAINT groups_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.images
    ADD CONSTRAINT images_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.notes
    ADD CONSTRAINT notes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.policies
    ADD CONSTRAINT policies_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.properties
    ADD CONSTRAINT properties_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.property_detail_translations
    ADD CONSTRAINT property_detail_translations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.property_detail_translations
    ADD CONSTRAINT property_detail_translations_property_detail_id_locale_key UNIQUE (property_detail_id, locale);

ALTER TABLE ONLY crm.property_details
    ADD CONSTRAINT property_details_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.property_statuses
    ADD CONSTRAINT property_statuses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.relationships
    ADD CONSTRAINT relationships_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.reservation_reasons
    ADD CONSTRAINT reservation_reasons_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.saved_queries
    ADD CONSTRAINT saved_queries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);

ALTER TABLE ONLY crm.todos
    ADD CONSTRAINT todos_pkey PRIMARY KEY (id);

CREATE INDEX appointments_account_idx ON crm.appointments USING btree (account_id, id);

CREATE INDEX brokers_account_idx ON crm.brokers USING btree (account_id, id);

CREATE INDEX cancelations_account_idx ON crm.cancelations USING btree (account_id, id);

CREATE INDEX client_reasons_account_idx ON crm.client_reasons USING btree (account_id, id);

CREATE INDEX client_sources_account_idx ON crm.client_sources USING btree (account_id, id);

CREATE INDEX client_statuses_account_idx ON crm.client_statuses USING btree (account_id, id);

CREATE INDEX commission_splits_account_idx ON crm.commission_splits USING btree (account_id, id);

CREATE INDEX contacts_account_idx ON crm.contacts USING btree (account_id, id);

CREATE INDEX deal_pipelines_account_idx ON crm.deal_pipelines USING btree (account_id, id);

CREATE INDEX deal_stages_account_idx ON crm.deal_stages USING btree (account_id, deal_pipeline_id, "position");

CREATE INDEX deals_account_idx ON crm.deals USING btree (account_id, id);

CREATE INDEX departments_account_idx ON crm.departments USING btree (account_id, id);

CREATE INDEX documents_account_idx ON crm.documents USING btree (account_id, id);

CREATE INDEX groups_account_idx ON crm.groups USING btree (account_id, id);

CREATE INDEX images_account_idx ON crm.images USING btree (account_id, id);

CREATE INDEX images_imageable_idx ON crm.images USING btree (account_id, imageable_type, imageable_id);

CREATE INDEX messages_account_idx ON crm.messages USING btree (account_id, id);

CREATE INDEX notes_account_idx ON crm.notes USING btree (account_id, id);

CREATE INDEX policies_account_idx ON crm.policies USING btree (account_id, id);

CREATE INDEX projects_account_idx ON crm.projects USING btree (account_id, id);

CREATE INDEX properties_account_idx ON crm.properties USING btree (account_id, id);

CREATE INDEX property_detail_translations_account_idx ON crm.property_detail_translations USING btree (account_id, property_detail_id);

CREATE INDEX property_details_account_idx ON crm.property_details USING btree (account_id, id);

CREATE INDEX property_statuses_account_idx ON crm.property_statuses USING btree (account_id, id);

CREATE INDEX relationships_account_idx ON crm.relationships USING btree (account_id, id);

CREATE INDEX reservation_reasons_account_idx ON crm.reservation_reasons USING btree (account_id, id);

CREATE INDEX saved_queries_account_idx ON crm.saved_queries USING btree (account_id, id);

CREATE INDEX teams_account_idx ON crm.teams USING btree (account_id, id);

CREATE INDEX todos_account_idx ON crm.todos USING btree (account_id, id);

ALTER TABLE ONLY crm.appointments
    ADD CONSTRAINT appointments_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.appointments
    ADD CONSTRAINT appointments_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.brokers
    ADD CONSTRAINT brokers_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.brokers
    ADD CONSTRAINT brokers_team_id_fkey FOREIGN KEY (team_id) REFERENCES crm.teams(id);

ALTER TABLE ONLY crm.cancelations
    ADD CONSTRAINT cancelations_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.cancelations
    ADD CONSTRAINT cancelations_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.cancelations
    ADD CONSTRAINT cancelations_reservation_reason_id_fkey FOREIGN KEY (reservation_reason_id) REFERENCES crm.reservation_reasons(id);

ALTER TABLE ONLY crm.client_reasons
    ADD CONSTRAINT client_reasons_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.client_sources
    ADD CONSTRAINT client_sources_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.client_statuses
    ADD CONSTRAINT client_statuses_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.commission_splits
    ADD CONSTRAINT commission_splits_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.commission_splits
    ADD CONSTRAINT commission_splits_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.commission_splits
    ADD CONSTRAINT commission_splits_client_id_fkey FOREIGN KEY (client_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.commission_splits
    ADD CONSTRAINT commission_splits_deal_id_fkey FOREIGN KEY (deal_id) REFERENCES crm.deals(id);

ALTER TABLE ONLY crm.commission_splits
    ADD CONSTRAINT commission_splits_group_id_fkey FOREIGN KEY (group_id) REFERENCES crm.groups(id);

ALTER TABLE ONLY crm.commission_splits
    ADD CONSTRAINT commission_splits_property_id_fkey FOREIGN KEY (property_id) REFERENCES crm.properties(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_client_reason_id_fkey FOREIGN KEY (client_reason_id) REFERENCES crm.client_reasons(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_client_source_id_fkey FOREIGN KEY (client_source_id) REFERENCES crm.client_sources(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_client_status_id_fkey FOREIGN KEY (client_status_id) REFERENCES crm.client_statuses(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_second_broker_id_fkey FOREIGN KEY (second_broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_third_broker_id_fkey FOREIGN KEY (third_broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.contacts
    ADD CONSTRAINT contacts_updater_id_fkey FOREIGN KEY (updater_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.custom_field_definitions
    ADD CONSTRAINT custom_field_definitions_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.deal_pipelines
    ADD CONSTRAINT deal_pipelines_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.deal_stages
    ADD CONSTRAINT deal_stages_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.deal_stages
    ADD CONSTRAINT deal_stages_deal_pipeline_id_fkey FOREIGN KEY (deal_pipeline_id) REFERENCES crm.deal_pipelines(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_client_id_fkey FOREIGN KEY (client_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_client_source_id_fkey FOREIGN KEY (client_source_id) REFERENCES crm.client_sources(id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_deal_pipeline_id_fkey FOREIGN KEY (deal_pipeline_id) REFERENCES crm.deal_pipelines(id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_deal_stage_id_fkey FOREIGN KEY (deal_stage_id) REFERENCES crm.deal_stages(id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_project_id_fkey FOREIGN KEY (project_id) REFERENCES crm.projects(id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_property_id_fkey FOREIGN KEY (property_id) REFERENCES crm.properties(id);

ALTER TABLE ONLY crm.deals
    ADD CONSTRAINT deals_reservation_reason_id_fkey FOREIGN KEY (reservation_reason_id) REFERENCES crm.reservation_reasons(id);

ALTER TABLE ONLY crm.departments
    ADD CONSTRAINT departments_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.departments
    ADD CONSTRAINT departments_team_id_fkey FOREIGN KEY (team_id) REFERENCES crm.teams(id);

ALTER TABLE ONLY crm.documents
    ADD CONSTRAINT documents_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.documents
    ADD CONSTRAINT documents_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.documents
    ADD CONSTRAINT documents_client_id_fkey FOREIGN KEY (client_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.documents
    ADD CONSTRAINT documents_project_id_fkey FOREIGN KEY (project_id) REFERENCES crm.projects(id);

ALTER TABLE ONLY crm.documents
    ADD CONSTRAINT documents_property_id_fkey FOREIGN KEY (property_id) REFERENCES crm.properties(id);

ALTER TABLE ONLY crm.groups
    ADD CONSTRAINT groups_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.images
    ADD CONSTRAINT images_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.messages
    ADD CONSTRAINT messages_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.messages
    ADD CONSTRAINT messages_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.notes
    ADD CONSTRAINT notes_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.notes
    ADD CONSTRAINT notes_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.notes
    ADD CONSTRAINT notes_task_creator_id_fkey FOREIGN KEY (task_creator_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.notes
    ADD CONSTRAINT notes_task_updater_id_fkey FOREIGN KEY (task_updater_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.policies
    ADD CONSTRAINT policies_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.policies
    ADD CONSTRAINT policies_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.policies
    ADD CONSTRAINT policies_client_id_fkey FOREIGN KEY (client_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.policies
    ADD CONSTRAINT policies_message_id_fkey FOREIGN KEY (message_id) REFERENCES crm.messages(id) ON DELETE SET NULL;

ALTER TABLE ONLY crm.policies
    ADD CONSTRAINT policies_project_id_fkey FOREIGN KEY (project_id) REFERENCES crm.projects(id);

ALTER TABLE ONLY crm.policies
    ADD CONSTRAINT policies_property_id_fkey FOREIGN KEY (property_id) REFERENCES crm.properties(id);

ALTER TABLE ONLY crm.projects
    ADD CONSTRAINT projects_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.projects
    ADD CONSTRAINT projects_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.properties
    ADD CONSTRAINT properties_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.properties
    ADD CONSTRAINT properties_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.properties
    ADD CONSTRAINT properties_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.properties
    ADD CONSTRAINT properties_project_id_fkey FOREIGN KEY (project_id) REFERENCES crm.projects(id);

ALTER TABLE ONLY crm.properties
    ADD CONSTRAINT properties_property_status_id_fkey FOREIGN KEY (property_status_id) REFERENCES crm.property_statuses(id);

ALTER TABLE ONLY crm.property_detail_translations
    ADD CONSTRAINT property_detail_translations_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.property_detail_translations
    ADD CONSTRAINT property_detail_translations_property_detail_id_fkey FOREIGN KEY (property_detail_id) REFERENCES crm.property_details(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.property_details
    ADD CONSTRAINT property_details_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.property_details
    ADD CONSTRAINT property_details_property_id_fkey FOREIGN KEY (property_id) REFERENCES crm.properties(id);

ALTER TABLE ONLY crm.property_statuses
    ADD CONSTRAINT property_statuses_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.relationships
    ADD CONSTRAINT relationships_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.relationships
    ADD CONSTRAINT relationships_client_id_fkey FOREIGN KEY (client_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.relationships
    ADD CONSTRAINT relationships_project_id_fkey FOREIGN KEY (project_id) REFERENCES crm.projects(id);

ALTER TABLE ONLY crm.relationships
    ADD CONSTRAINT relationships_property_id_fkey FOREIGN KEY (property_id) REFERENCES crm.properties(id);

ALTER TABLE ONLY crm.relationships
    ADD CONSTRAINT relationships_related_client_id_fkey FOREIGN KEY (related_client_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.reservation_reasons
    ADD CONSTRAINT reservation_reasons_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.saved_queries
    ADD CONSTRAINT saved_queries_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.saved_queries
    ADD CONSTRAINT saved_queries_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.saved_queries
    ADD CONSTRAINT saved_queries_client_id_fkey FOREIGN KEY (client_id) REFERENCES crm.contacts(id);

ALTER TABLE ONLY crm.teams
    ADD CONSTRAINT teams_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.todos
    ADD CONSTRAINT todos_account_id_fkey FOREIGN KEY (account_id) REFERENCES crm.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY crm.todos
    ADD CONSTRAINT todos_broker_id_fkey FOREIGN KEY (broker_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.todos
    ADD CONSTRAINT todos_creator_id_fkey FOREIGN KEY (creator_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.todos
    ADD CONSTRAINT todos_task_creator_id_fkey FOREIGN KEY (task_creator_id) REFERENCES crm.brokers(id);

ALTER TABLE ONLY crm.todos
    ADD CONSTRAINT todos_task_updater_id_fkey FOREIGN KEY (task_updater_id) REFERENCES crm.brokers(id);

