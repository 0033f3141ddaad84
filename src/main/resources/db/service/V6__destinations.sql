-- Where an account wants its dumps delivered: its own S3-compatible bucket or SFTP server. What is not secret is in
-- `target` (endpoint, bucket, host, pinned host key, ...); the one secret (S3 secret key, SFTP password or private key)
-- is AES-GCM sealed under DATADUMP_SECRETS_KEY with the account as associated data, and is never read back out.
CREATE TABLE destinations (
    id          bigserial   PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('s3', 'sftp')),
    target      jsonb       NOT NULL,
    secret      bytea       NOT NULL,
    formats     text[]      NOT NULL,
    gzip        boolean     NOT NULL,
    tables      text[]      NOT NULL,  -- empty: every table
    keep_days   integer     NULL CHECK (keep_days > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (account_id, name)
);

-- One row per dump and destination: queued when the dump is published, then delivered or failed (with the error the
-- tenant reads). The attempts themselves are db-scheduler tasks in delivery_tasks.
CREATE TABLE deliveries (
    destination_id bigint      NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
    run_id         bigint      NOT NULL,
    status         text        NOT NULL CHECK (status IN ('queued', 'delivering', 'delivered', 'skipped', 'failed')),
    attempts       integer     NOT NULL DEFAULT 0,
    queued_at      timestamptz NOT NULL DEFAULT now(),
    finished_at    timestamptz NULL,
    files          integer     NULL,
    bytes          bigint      NULL,
    error          text        NULL,
    PRIMARY KEY (destination_id, run_id)
);
CREATE INDEX deliveries_recent ON deliveries (destination_id, queued_at DESC);

-- db-scheduler's table for delivery attempts only (like webhook_deliveries): dumps never wait behind them.
CREATE TABLE delivery_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX delivery_tasks_execution_time_idx ON delivery_tasks (execution_time);
CREATE INDEX delivery_tasks_last_heartbeat_idx ON delivery_tasks (last_heartbeat);
CREATE INDEX delivery_tasks_priority_execution_time_idx ON delivery_tasks (priority DESC, execution_time);
