-- Converted representations of a dump's table files (NDJSON, CSV, column subsets), made on first request and kept
-- in storage beside the dump, each with its own size and SHA-256 (its ETag). They go when their dump is pruned.
CREATE TABLE dump_representations (
    storage_key  text        PRIMARY KEY,
    run_id       bigint      NOT NULL REFERENCES dump_runs (id) ON DELETE CASCADE,
    table_name   text        NOT NULL,
    format       text        NOT NULL,
    columns      text[]      NOT NULL,
    row_count    bigint      NOT NULL,
    byte_count   bigint      NOT NULL,
    sha256       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dump_representations_run_idx ON dump_representations (run_id);
