package io.datadump.backup;

import static io.datadump.backup.SqlColumns.quote;

import io.datadump.db.Handle;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema a {@code sync} keeps in the tenant's database: the tables it created, the state table that says which
 * dump each one reflects ({@value #STATE}), the staging table changes pass through, and the lock that keeps two
 * syncs apart. Only tables named in the state table are ever changed.
 */
final class SyncTarget {
    /** The state table, in the synced schema: one row per table the sync created. */
    static final String STATE = "_datadump_sync";

    private static final String STAGE = "datadump_sync_rows";

    /**
     * What the state table says of a table: the account and dump it reflects, its rows then, and the sha256 of that
     * dump's file and schema (a later dump with both the same holds the same rows in the same columns).
     */
    record State(
            String table,
            long accountId,
            long dumpId,
            Instant snapshotAt,
            long rows,
            String jsonSha256,
            String schemaSha256) {}

    /** How a table's columns were brought in line with the dump's schema. */
    record Evolution(List<String> added, List<String> retyped) {}

    /**
     * Rows applied from the staging table: the deletes staged, how many rows the table lost and gained (every staged
     * upsert is inserted), and how many staged rows had a custom field value emptied (see SqlColumns).
     */
    record Applied(long deletes, long removed, long inserted, long misfits) {}

    private final Handle h;
    private final String schema;

    SyncTarget(Connection c, String schema) {
        this.h = Handle.on(c);
        this.schema = schema;
    }

    /**
     * Takes the session's lock on this schema (released when the connection closes, also when the process is killed);
     * false when another sync holds it.
     */
    boolean tryLock() {
        return h.queryFirst(
                        "SELECT pg_try_advisory_lock(hashtext('datadump sync'), hashtext(?))",
                        rs -> rs.getBoolean(1),
                        schema)
                .orElse(false);
    }

    void unlockQuietly() {
        try {
            h.queryFirst(
                    "SELECT pg_advisory_unlock(hashtext('datadump sync'), hashtext(?))",
                    rs -> rs.getBoolean(1),
                    schema);
        } catch (RuntimeException e) {
            // the connection is gone, and the lock with it
        }
    }

    /** In the open transaction: the schema, the state table and the staging table exist; the recorded states. */
    Map<String, State> prepare() {
        boolean schemaExists = h.queryFirst("SELECT 1 FROM pg_namespace WHERE nspname = ?", rs -> true, schema)
                .isPresent();
        if (!schemaExists) h.execute("CREATE SCHEMA " + quote(schema)); // IF NOT EXISTS needs CREATE on the database
        h.execute("CREATE TABLE IF NOT EXISTS " + state() + " (table_name text PRIMARY KEY, account_id bigint NOT NULL,"
                + " dump_id bigint NOT NULL, snapshot_at timestamptz NOT NULL, rows bigint NOT NULL,"
                + " synced_at timestamptz NOT NULL DEFAULT now(), json_sha256 text, schema_sha256 text)");
        h.execute("CREATE TEMP TABLE IF NOT EXISTS " + STAGE + " (deleted bigint, row json) ON COMMIT DELETE ROWS");
        Map<String, State> states = new LinkedHashMap<>();
        for (State s : h.query(
                "SELECT table_name, account_id, dump_id, snapshot_at, rows, json_sha256, schema_sha256 FROM " + state()
                        + " ORDER BY table_name",
                rs -> new State(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7)))) {
            states.put(s.table(), s);
        }
        return states;
    }

    boolean exists(String table) {
        return h.queryFirst(
                        "SELECT 1 FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                                + " WHERE n.nspname = ? AND k.relname = ?",
                        rs -> true,
                        schema,
                        table)
                .isPresent();
    }

    /** Creates a table, its keys and indexes to come once it is loaded ({@link #index}). */
    void create(String table, List<SqlColumns.Column> columns) {
        h.execute("CREATE TABLE " + qualified(table) + " (" + SqlColumns.definitions(columns) + ")");
    }

    /**
     * Gives a loaded table {@code id} as its primary key and indexes its foreign keys ({@code *_id} integer columns),
     * which dashboards join on: built after the load, which is faster than keeping them up to date row by row.
     */
    void index(String table, List<SqlColumns.Column> columns) {
        h.execute("ALTER TABLE " + qualified(table) + " ADD PRIMARY KEY (id)");
        for (SqlColumns.Column c : columns) {
            if (c.name().endsWith("_id") && c.type().equals("bigint"))
                h.execute("CREATE INDEX ON " + qualified(table) + " (" + quote(c.name()) + ")");
        }
    }

    /**
     * Brings a table's columns in line with the dump's: a new column (a custom field added) is added; one whose type
     * changed (a custom field's type) is emptied and re-typed, and the table must then be loaded whole. A column the
     * dump no longer has is kept: every row the dump changes or loads leaves it empty, and a dashboard that names it
     * keeps working.
     */
    Evolution evolve(String table, List<SqlColumns.Column> columns) {
        Map<String, String> existing = new HashMap<>();
        for (var c : h.query(
                "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                        + " WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped",
                rs -> Map.entry(rs.getString(1), rs.getString(2)),
                qualified(table))) {
            existing.put(c.getKey(), c.getValue());
        }
        List<String> added = new ArrayList<>(), retyped = new ArrayList<>();
        for (SqlColumns.Column c : columns) {
            String type = existing.get(c.name());
            if (type == null) {
                h.execute("ALTER TABLE " + qualified(table) + " ADD COLUMN " + c.definition());
                added.add(c.name());
            } else if (!type.equals(c.type())) {
                h.execute("ALTER TABLE " + qualified(table) + " ALTER COLUMN " + quote(c.name()) + " TYPE " + c.type()
                        + " USING NULL");
                retyped.add(c.name());
            }
        }
        return new Evolution(added, retyped);
    }

    /** A COPY into the (emptied) staging table: lines of {@code deleted id \t row}. */
    RowCopy stage() throws SQLException {
        h.execute("TRUNCATE " + STAGE);
        return new RowCopy(h.connection(), "COPY " + STAGE + " FROM STDIN");
    }

    /**
     * Applies the staged rows to a table: with {@code whole}, the staged rows replace all of it; else each staged
     * row replaces the row with its id and each staged id is deleted. DELETE rather than TRUNCATE, so that readers see
     * the previous rows until the commit instead of waiting for it.
     */
    Applied apply(String table, List<SqlColumns.Column> columns, boolean whole) {
        String t = qualified(table);
        long removed;
        if (whole) {
            removed = h.update("DELETE FROM " + t);
        } else {
            // the staged rows counted, so a night's few changes join the table by its key (a guess of 1,000 rows
            // made the planner scan a 300,000-row table: 1.1 s for 3,000 upserts, 0.1 s with the count)
            h.execute("ANALYZE " + STAGE);
            removed = h.update("DELETE FROM " + t + " t USING " + STAGE
                    + " s WHERE t.id = coalesce(s.deleted, (s.row->>'id')::bigint)");
        }
        long deletes = h.queryFirst("SELECT count(deleted) FROM " + STAGE, rs -> rs.getLong(1))
                .orElse(0L);
        SqlColumns.Loaded loaded = SqlColumns.loadStaged(h, STAGE, t, columns);
        return new Applied(deletes, removed, loaded.inserted(), loaded.misfits());
    }

    void record(State s) {
        h.update(
                "INSERT INTO " + state() + " (table_name, account_id, dump_id, snapshot_at, rows, json_sha256,"
                        + " schema_sha256) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (table_name) DO UPDATE SET"
                        + " account_id = excluded.account_id, dump_id = excluded.dump_id, snapshot_at ="
                        + " excluded.snapshot_at, rows = excluded.rows, synced_at = now(), json_sha256 ="
                        + " excluded.json_sha256, schema_sha256 = excluded.schema_sha256",
                s.table(),
                s.accountId(),
                s.dumpId(),
                Timestamp.from(s.snapshotAt()),
                s.rows(),
                s.jsonSha256(),
                s.schemaSha256());
    }

    private String state() {
        return quote(schema) + "." + quote(STATE);
    }

    private String qualified(String table) {
        return quote(schema) + "." + quote(table);
    }
}
