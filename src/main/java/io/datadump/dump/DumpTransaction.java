package io.datadump.dump;

import io.datadump.db.Handle;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The transaction a dump reads in: read-only, REPEATABLE READ (one snapshot for every table, taken by its first query)
 * and the planner setting below. Further connections join the same snapshot by importing it, as {@code pg_dump -j}
 * does. The benchmarks open the same transaction, so they measure the same plans.
 */
public final class DumpTransaction {
    /**
     * Set inside the dump's transaction. A dump reads one account's rows in id order, which the (account_id, id) index of
     * every tenant table gives directly. With the default random_page_cost of 4, PostgreSQL prefers to walk the whole
     * primary key and filter out every other account once an account holds a good part of a table: measured on
     * 6,000,000 contacts, 1,000,000 of them the account's, 3.4 s and 4.7 GB read instead of 0.45 s and 0.8 GB. 1.1 is
     * the usual value for SSD storage, and SET LOCAL ends with the transaction.
     */
    private static final String PLANNER_SETTINGS = "SET LOCAL random_page_cost = 1.1";

    /** What pg_export_snapshot() returns, e.g. 00000003-0000001B-1: checked, since it is spliced into SQL. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]{1,64}");

    private DumpTransaction() {}

    /** Opens the dump's transaction on {@code c}; its first query takes the snapshot. */
    public static void begin(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        Handle.on(c).execute(PLANNER_SETTINGS);
    }

    /** Takes the snapshot (the transaction's first query) and returns its moment: the dump's snapshot time. */
    static Instant takeSnapshot(Handle handle) {
        return handle.queryFirst("SELECT now()", rs -> rs.getTimestamp(1).toInstant())
                .orElseThrow();
    }

    /** Exports the snapshot for other connections to import. */
    static String exportSnapshot(Handle handle) {
        String id = handle.queryFirst("SELECT pg_export_snapshot()", rs -> rs.getString(1))
                .orElseThrow();
        if (!SNAPSHOT_ID.matcher(id).matches())
            throw new DumpException("unexpected snapshot id from pg_export_snapshot(): " + id);
        return id;
    }

    /** Opens a dump transaction on {@code c} that sees the exported snapshot {@code id}. */
    static void join(Connection c, String id) throws SQLException {
        begin(c);
        Handle.on(c).execute("SET TRANSACTION SNAPSHOT '" + id + "'");
    }
}
