-- Moves an installation made with the single-schema migrations (db/legacy, V1 to V8, all in `public`) into the
-- two-schema layout: the built-in demo CRM in `crm`, datadump's own state in `datadump`. Tables, their rows,
-- sequences, indexes and constraints move as they are (ALTER ... SET SCHEMA keeps every row and name). The CRM gets
-- a tenant table of its own, `crm.accounts`, copied from the accounts; the entitlements stay in `datadump.accounts`,
-- keyed by the tenant's id. Runs in one transaction: all of it or none.
SET LOCAL search_path = pg_catalog;
CREATE SCHEMA IF NOT EXISTS crm;
CREATE SCHEMA IF NOT EXISTS datadump;

ALTER TABLE public.accounts SET SCHEMA datadump;
ALTER TABLE public.dump_runs SET SCHEMA datadump;
ALTER TABLE public.api_keys SET SCHEMA datadump;
ALTER TABLE public.scheduled_tasks SET SCHEMA datadump;
ALTER TABLE public.webhook_deliveries SET SCHEMA datadump;
ALTER TABLE public.dump_representations SET SCHEMA datadump;
-- the old history is kept for the record, under names that leave room for the new one
ALTER TABLE public.flyway_schema_history RENAME TO legacy_flyway_schema_history;
ALTER TABLE public.legacy_flyway_schema_history
    RENAME CONSTRAINT flyway_schema_history_pk TO legacy_flyway_schema_history_pk;
ALTER INDEX IF EXISTS public.flyway_schema_history_s_idx RENAME TO legacy_flyway_schema_history_s_idx;
ALTER TABLE public.legacy_flyway_schema_history SET SCHEMA datadump;

-- every other table of the old layout is the CRM's
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT c.relname FROM pg_class c
             WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
    LOOP
        EXECUTE format('ALTER TABLE public.%I SET SCHEMA crm', t.relname);
    END LOOP;
END $$;

-- the CRM's tenants
CREATE TABLE crm.accounts (
    id          bigserial PRIMARY KEY,
    name        text      NOT NULL,
    time_zone   text      NOT NULL DEFAULT 'Europe/Berlin',
    created_at  timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    updated_at  timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
INSERT INTO crm.accounts (id, name, time_zone, created_at, updated_at)
SELECT id, name, time_zone, created_at, updated_at FROM datadump.accounts;
SELECT setval('crm.accounts_id_seq', COALESCE((SELECT max(id) FROM crm.accounts), 1),
              (SELECT count(*) > 0 FROM crm.accounts));

-- CRM rows belong to CRM tenants; datadump's accounts are keyed by the tenant id and get no sequence of their own
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
             FROM pg_constraint
             WHERE contype = 'f' AND confrelid = 'datadump.accounts'::regclass AND connamespace = 'crm'::regnamespace
    LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.tbl, c.conname);
        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.tbl, c.conname,
                       replace(c.def, 'REFERENCES datadump.accounts(', 'REFERENCES crm.accounts('));
    END LOOP;
END $$;
ALTER TABLE datadump.accounts ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE datadump.accounts_id_seq;
