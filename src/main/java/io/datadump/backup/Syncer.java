package io.datadump.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.db.DataAccessException;
import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code datadump sync}: keeps a typed copy of the account's tables in the tenant's own PostgreSQL current with the
 * newest dump. A table's first sync loads its file whole; every later one applies the changes feed since the dump it
 * reflects (upserts and deletes), or loads it whole again when that dump is retained no more or a column changed type.
 * All tables change in one transaction, so a dashboard sees one night or the next, never half of one; every table's
 * rows are counted against the dump's before the commit, and every file's sha256 checked.
 */
public final class Syncer {
    /** What to sync: into which schema, which tables (empty: all), and whether to compare every row afterwards. */
    public record Options(String schema, Set<String> tables, boolean check, Duration idleWindow) {}

    /** How a table was brought to the dump: unchanged, changes applied, or loaded whole (and why). */
    public enum How {
        UNCHANGED,
        CHANGES,
        CREATED,
        RELOADED
    }

    /**
     * One table's sync: the changes it applied (none when loaded whole), its rows now, why it was loaded whole or what
     * changed in its columns, and the check's first difference (empty when equal or not checked).
     */
    public record TableSync(
            String table, How how, long upserts, long deletes, long rows, String note, Optional<String> mismatch) {}

    /** A run: the dump the schema now reflects, and what each table took. */
    public record Summary(long dumpId, Instant snapshotAt, List<TableSync> tables, double seconds) {
        /** Tables loaded whole (created or reloaded), and their rows. */
        public List<TableSync> loaded() {
            return tables.stream()
                    .filter(t -> t.how() == How.CREATED || t.how() == How.RELOADED)
                    .toList();
        }

        public long upserts() {
            return tables.stream().mapToLong(TableSync::upserts).sum();
        }

        public long deletes() {
            return tables.stream().mapToLong(TableSync::deletes).sum();
        }
    }

    private final String url;
    private final String key;
    private final ObjectMapper json;

    public Syncer(String url, String key, ObjectMapper json) {
        this.url = url;
        this.key = key;
        this.json = json;
    }

    /** One sync into the database of {@code c}; throws a {@link BackupException} saying what failed. */
    public Summary sync(Connection c, Options options) {
        String schema = options.schema();
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}"))
            throw new BackupException("--schema takes a plain name: lower-case letters, digits and underscores");
        long started = System.nanoTime();
        try (DumpServer server = new DumpServer(url, key, json, options.idleWindow(), "sync")) {
            ApiBodies.DumpIndex index = server.index(Optional.empty());
            List<ApiBodies.IndexedTable> tables = selected(index, options.tables());
            SyncTarget target = new SyncTarget(c, schema);
            List<TableSync> results = new ArrayList<>();
            String step = "preparing schema " + schema;
            try {
                if (!target.tryLock()) {
                    throw new BackupException("another sync into schema " + schema
                            + " of this database is running; run this one when it has finished");
                }
                c.setAutoCommit(false);
                Map<String, SyncTarget.State> states = target.prepare();
                for (SyncTarget.State s : states.values()) {
                    if (s.accountId() != index.accountId()) {
                        throw new BackupException("schema " + schema + " holds account " + s.accountId()
                                + "'s tables, and this key is account " + index.accountId()
                                + "'s; sync it into another --schema");
                    }
                }
                List<ChangesPrefetch.Wanted> wanted = new ArrayList<>();
                for (ApiBodies.IndexedTable t : tables) {
                    SyncTarget.State s = states.get(t.name());
                    if (s != null && s.dumpId() != index.dumpId() && !sameRows(t, s))
                        wanted.add(new ChangesPrefetch.Wanted(t, s.dumpId(), s.rows()));
                }
                try (ChangesPrefetch feeds = new ChangesPrefetch(server, index.dumpId(), wanted)) {
                    TableSyncer one = new TableSyncer(server, target, index, schema, feeds);
                    // the tables that need no feed (new, unchanged) while the feeds are fetched, then each table as
                    // its feed arrives: the order of changes inside the transaction does not matter
                    List<String> fed =
                            wanted.stream().map(w -> w.table().name()).toList();
                    for (ApiBodies.IndexedTable t : tables) {
                        if (fed.contains(t.name())) continue;
                        step = "table " + t.name();
                        results.add(one.sync(t, states.get(t.name())));
                    }
                    step = "fetching the changes";
                    for (Optional<ChangesPrefetch.Wanted> w; (w = feeds.next()).isPresent(); ) {
                        ApiBodies.IndexedTable t = w.get().table();
                        step = "table " + t.name();
                        results.add(one.sync(t, states.get(t.name())));
                        step = "fetching the changes";
                    }
                }
                List<String> order =
                        tables.stream().map(ApiBodies.IndexedTable::name).toList();
                results.sort(Comparator.comparingInt(r -> order.indexOf(r.table())));
                step = "committing";
                c.commit();
            } catch (SQLException | DataAccessException e) {
                rollback(c);
                throw failed(schema, step, e);
            } catch (IOException e) {
                rollback(c);
                if (e.getCause() instanceof SQLException sql) throw failed(schema, step, sql);
                throw new BackupException(step + ": " + e.getMessage() + "; nothing was changed, run sync again", e);
            } catch (BackupException e) {
                rollback(c);
                throw step.startsWith("preparing") ? e : new BackupException(step + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                rollback(c);
                throw e;
            } finally {
                autoCommit(c);
                target.unlockQuietly();
            }
            if (options.check()) results = check(server, c, schema, index, results);
            return new Summary(
                    index.dumpId(), Instant.parse(index.snapshotAt()), results, (System.nanoTime() - started) / 1e9);
        }
    }

    /** Whether the dump's file and schema are those the copy holds already (then so are the rows). */
    static boolean sameRows(ApiBodies.IndexedTable t, SyncTarget.State state) {
        return t.jsonSha256().equals(state.jsonSha256())
                && t.schemaSha256() != null
                && t.schemaSha256().equals(state.schemaSha256());
    }

    /** The index's tables, or those named; a name the dump does not have is refused. */
    private static List<ApiBodies.IndexedTable> selected(ApiBodies.DumpIndex index, Set<String> names) {
        List<ApiBodies.IndexedTable> out = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (ApiBodies.IndexedTable t : index.tables()) {
            BackupNames.table(t.name(), "the server's index");
            known.add(t.name());
            if (names.isEmpty() || names.contains(t.name())) out.add(t);
        }
        for (String name : names) {
            if (!known.contains(name))
                throw new BackupException(
                        "the dump has no table " + name + "; its tables: " + String.join(", ", known));
        }
        return out;
    }

    /** Reads every synced table back and compares it with the dump's file, row for row. */
    private List<TableSync> check(
            DumpServer server, Connection c, String schema, ApiBodies.DumpIndex index, List<TableSync> results) {
        List<TableSync> checked = new ArrayList<>();
        for (TableSync r : results) {
            ApiBodies.IndexedTable t = index.tables().stream()
                    .filter(x -> x.name().equals(r.table()))
                    .findFirst()
                    .orElseThrow();
            List<SqlColumns.Column> columns = SqlColumns.of(server.schema(t.name(), index.dumpId()));
            try (CheckedFile file = CheckedFile.open(server, t, index.dumpId())) {
                Optional<String> mismatch = TableCheck.compare(c, schema, t.name(), columns, file.json());
                if (mismatch.isEmpty()) file.verify();
                checked.add(new TableSync(r.table(), r.how(), r.upserts(), r.deletes(), r.rows(), r.note(), mismatch));
            } catch (SQLException | DataAccessException e) {
                throw new BackupException("checking " + t.name() + " failed: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new BackupException(
                        "checking " + t.name() + ": " + e.getMessage() + "; run sync --check again", e);
            }
        }
        return checked;
    }

    private static BackupException failed(String schema, String step, Exception e) {
        String state = e instanceof SQLException s ? s.getSQLState() : ((DataAccessException) e).sqlState();
        String cause = rootMessage(e);
        if ("42501".equals(state)) { // insufficient_privilege
            return new BackupException("the database role may not create what sync needs (" + cause
                    + "); grant it CREATE on schema " + schema
                    + " (or on the database, to create the schema), or choose a --schema it owns; nothing was changed");
        }
        return new BackupException(step + " failed: " + cause + "; nothing was changed", e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static void rollback(Connection c) {
        try {
            if (!c.getAutoCommit()) c.rollback();
        } catch (SQLException e) {
            // the connection is gone: PostgreSQL rolled back already
        }
    }

    private static void autoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is gone
        }
    }
}
