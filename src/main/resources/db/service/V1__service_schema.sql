-- datadump's own state (accounts with their entitlement, API keys, runs, db-scheduler tables, conversions), in
-- schema datadump. Generated with pg_dump --schema-only from an installation upgraded from the single-schema
-- migrations (db/legacy V1-V8, then db/legacy-upgrade.sql), so a fresh installation and an upgraded one are the
-- same; MigrationTest compares the two. Later changes go into V2 and up.

CREATE TABLE datadump.accounts (
    id bigint NOT NULL,
    name text NOT NULL,
    datadump_enabled boolean DEFAULT false NOT NULL,
    time_zone text DEFAULT 'Europe/Berlin'::text NOT NULL,
    dump_time time without time zone,
    created_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    updated_at timestamp without time zone DEFAULT (now() AT TIME ZONE 'UTC'::text) NOT NULL,
    webhook_url text,
    webhook_secret text
);

CREATE TABLE datadump.api_keys (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    name text,
    key_prefix text NOT NULL,
    key_hash bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone
);

CREATE SEQUENCE datadump.api_keys_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE datadump.api_keys_id_seq OWNED BY datadump.api_keys.id;

CREATE TABLE datadump.dump_representations (
    storage_key text NOT NULL,
    run_id bigint NOT NULL,
    table_name text NOT NULL,
    format text NOT NULL,
    columns text[] NOT NULL,
    row_count bigint NOT NULL,
    byte_count bigint NOT NULL,
    sha256 text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE datadump.dump_runs (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    status text NOT NULL,
    trigger text NOT NULL,
    node text,
    storage_prefix text,
    gzip boolean DEFAULT false NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    snapshot_at timestamp with time zone,
    finished_at timestamp with time zone,
    table_count integer,
    row_count bigint,
    byte_count bigint,
    manifest jsonb,
    error text,
    CONSTRAINT dump_runs_status_check CHECK ((status = ANY (ARRAY['queued'::text, 'running'::text, 'published'::text, 'failed'::text, 'pruned'::text])))
);

CREATE SEQUENCE datadump.dump_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE datadump.dump_runs_id_seq OWNED BY datadump.dump_runs.id;

CREATE TABLE datadump.scheduled_tasks (
    task_name text NOT NULL,
    task_instance text NOT NULL,
    task_data bytea,
    execution_time timestamp with time zone NOT NULL,
    picked boolean NOT NULL,
    picked_by text,
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat timestamp with time zone,
    version bigint NOT NULL,
    priority smallint
);

CREATE TABLE datadump.webhook_deliveries (
    task_name text NOT NULL,
    task_instance text NOT NULL,
    task_data bytea,
    execution_time timestamp with time zone NOT NULL,
    picked boolean NOT NULL,
    picked_by text,
    last_success timestamp with time zone,
    last_failure timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat timestamp with time zone,
    version bigint NOT NULL,
    priority smallint
);

ALTER TABLE ONLY datadump.api_keys ALTER COLUMN id SET DEFAULT nextval('datadump.api_keys_id_seq'::regclass);

ALTER TABLE ONLY datadump.dump_runs ALTER COLUMN id SET DEFAULT nextval('datadump.dump_runs_id_seq'::regclass);

ALTER TABLE ONLY datadump.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY datadump.api_keys
    ADD CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash);

ALTER TABLE ONLY datadump.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);

ALTER TABLE ONLY datadump.dump_representations
    ADD CONSTRAINT dump_representations_pkey PRIMARY KEY (storage_key);

ALTER TABLE ONLY datadump.dump_runs
    ADD CONSTRAINT dump_runs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY datadump.scheduled_tasks
    ADD CONSTRAINT scheduled_tasks_pkey PRIMARY KEY (task_name, task_instance);

ALTER TABLE ONLY datadump.webhook_deliveries
    ADD CONSTRAINT webhook_deliveries_pkey PRIMARY KEY (task_name, task_instance);

CREATE INDEX api_keys_account_idx ON datadump.api_keys USING btree (account_id);

CREATE INDEX dump_representations_run_idx ON datadump.dump_representations USING btree (run_id);

CREATE INDEX dump_runs_account_idx ON datadump.dump_runs USING btree (account_id, id DESC);

CREATE INDEX dump_runs_status_idx ON datadump.dump_runs USING btree (status, account_id);

CREATE INDEX scheduled_tasks_execution_time_idx ON datadump.scheduled_tasks USING btree (execution_time);

CREATE INDEX scheduled_tasks_last_heartbeat_idx ON datadump.scheduled_tasks USING btree (last_heartbeat);

CREATE INDEX scheduled_tasks_priority_execution_time_idx ON datadump.scheduled_tasks USING btree (priority DESC, execution_time);

CREATE INDEX webhook_deliveries_execution_time_idx ON datadump.webhook_deliveries USING btree (execution_time);

CREATE INDEX webhook_deliveries_last_heartbeat_idx ON datadump.webhook_deliveries USING btree (last_heartbeat);

CREATE INDEX webhook_deliveries_priority_execution_time_idx ON datadump.webhook_deliveries USING btree (priority DESC, execution_time);

ALTER TABLE ONLY datadump.api_keys
    ADD CONSTRAINT api_keys_account_id_fkey FOREIGN KEY (account_id) REFERENCES datadump.accounts(id) ON DELETE CASCADE;

ALTER TABLE ONLY datadump.dump_representations
    ADD CONSTRAINT dump_representations_run_id_fkey FOREIGN KEY (run_id) REFERENCES datadump.dump_runs(id) ON DELETE CASCADE;

ALTER TABLE ONLY datadump.dump_runs
    ADD CONSTRAINT dump_runs_account_id_fkey FOREIGN KEY (account_id) REFERENCES datadump.accounts(id) ON DELETE CASCADE;

