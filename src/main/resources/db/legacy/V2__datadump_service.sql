-- datadump's own bookkeeping: dump runs and API keys.

CREATE TABLE dump_runs (
    id              bigserial   PRIMARY KEY,
    account_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    status          text        NOT NULL CHECK (status IN ('running', 'published', 'failed', 'pruned')),
    trigger         text        NOT NULL,             -- cli / schedule / api
    node            text        NULL,                 -- host that ran it
    storage_prefix  text        NULL,                 -- where its files live
    gzip            boolean     NOT NULL DEFAULT false,
    started_at      timestamptz NOT NULL DEFAULT now(),
    snapshot_at     timestamptz NULL,
    finished_at     timestamptz NULL,
    table_count     integer     NULL,
    row_count       bigint      NULL,
    byte_count      bigint      NULL,
    manifest        jsonb       NULL,                 -- the published manifest.json
    error           text        NULL
);
CREATE INDEX dump_runs_account_idx ON dump_runs (account_id, id DESC);
CREATE INDEX dump_runs_status_idx ON dump_runs (status, account_id);

CREATE TABLE api_keys (
    id            bigserial   PRIMARY KEY,
    account_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name          text        NULL,
    key_prefix    text        NOT NULL,               -- first characters, to recognise a key in listings
    key_hash      bytea       NOT NULL UNIQUE,        -- SHA-256 of the whole key
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NULL,
    revoked_at    timestamptz NULL
);
CREATE INDEX api_keys_account_idx ON api_keys (account_id);
