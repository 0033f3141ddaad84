-- Signed-in sessions of the tenant portal. The cookie holds a random token; only its SHA-256 is stored, like the
-- API keys', so this table lets no one sign in. A session dies with its key, its inactivity, or sign-out.
CREATE TABLE portal_sessions (
    token_hash    bytea       PRIMARY KEY,
    account_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    key_id        bigint      NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
    csrf_token    text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX portal_sessions_last_seen_idx ON portal_sessions (last_seen_at);

-- Who downloaded what: every redirect issued and every file served. No data of the dump itself. Written at the rate
-- of the API's redirects, so it carries one B-tree (an account's entries by time) and a BRIN index on the time for
-- pruning, which costs next to nothing to keep since entries arrive in time order.
CREATE TABLE download_audit (
    at              timestamptz NOT NULL,
    account_id      bigint      NOT NULL,
    key_id          bigint      NULL,
    kind            text        NOT NULL CHECK (kind IN ('redirect', 'file')),
    table_name      text        NOT NULL,
    format          text        NOT NULL,
    dump_id         bigint      NOT NULL,
    bytes_sent      bigint      NULL,
    requests        integer     NOT NULL DEFAULT 1,  -- identical downloads within one write (half a second) share a row
    client_address  text        NULL,
    user_agent      text        NULL
);
CREATE INDEX download_audit_account_idx ON download_audit (account_id, at DESC);
CREATE INDEX download_audit_at_idx ON download_audit USING brin (at);
