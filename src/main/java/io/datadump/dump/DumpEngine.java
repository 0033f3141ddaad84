package io.datadump.dump;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.CustomFields;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.datadump.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Dumps every table of the catalog for one account into storage, consistently and atomically:
 * <ul>
 *   <li>all tables are read in one read-only REPEATABLE READ transaction, so they share one snapshot;</li>
 *   <li>rows stream through COPY straight into a JSON generator (memory does not grow with tables);</li>
 *   <li>files go to a fresh dump directory; the dump becomes current only when the manifest is written and the
 *       run is marked published in the database. A failure anywhere leaves the previous dump current.</li>
 * </ul>
 * A PostgreSQL advisory lock per account makes sure one dump of an account runs at a time across all nodes;
 * it is released by PostgreSQL itself if the node dies.
 */
public final class DumpEngine {
    private static final Logger log = LoggerFactory.getLogger(DumpEngine.class);
    private static final int LOCK_CLASS = 0x0DD0;
    private static final int HANDOFF_BUFFER_BYTES = 1 << 18, HANDOFF_BUFFERS = 4;
    // One JSON thread feeds at most ~400 MB/s; four compression threads (~250 MB/s each) keep up with it, and more
    // would only multiply the blocks in memory when a node runs several dumps at once.
    private static final int GZIP_THREADS = Math.min(4, Runtime.getRuntime().availableProcessors()), GZIP_BLOCK_BYTES = 1 << 18;
    /**
     * Set inside the dump's transaction. A dump reads one account's rows in id order, which the (account_id, id)
     * index of every tenant table gives directly. With the default random_page_cost of 4, PostgreSQL prefers to walk
     * the whole primary key and filter out every other account once an account holds a good part of a table:
     * measured on 6,000,000 contacts, 1,000,000 of them the account's, 3.4 s and 4.7 GB read instead of 0.45 s and
     * 0.8 GB. 1.1 is the usual value for SSD storage, and SET LOCAL ends with the transaction.
     */
    private static final String PLANNER_SETTINGS = "SET LOCAL random_page_cost = 1.1";
    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public record Settings(boolean gzip, int gzipLevel, int retention, String node) {
    }

    /** Told of every published dump (webhooks use it); must not throw. */
    public interface PublishListener {
        void published(Result result);
    }

    public interface Listener {
        default void tableStarted(String table) { }

        default void tableFinished(TableFile file, long millis) { }

        Listener NONE = new Listener() { };
    }

    public record Result(DumpRun run, Manifest manifest, long millis) {
        public long rows() {
            return manifest.tables().stream().mapToLong(TableFile::rows).sum();
        }

        public long bytes() {
            return manifest.tables().stream().mapToLong(TableFile::bytes).sum();
        }
    }

    private final DataSource dataSource;
    private final TableCatalog catalog;
    private final CustomFields customFields;
    private final Accounts accounts;
    private final Storage storage;
    private final DumpRuns runs;
    private final ObjectMapper json;
    private final Settings settings;
    private final Clock clock;
    private final java.util.List<PublishListener> publishListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public DumpEngine(DataSource dataSource, TableCatalog catalog, CustomFields customFields, Accounts accounts, Storage storage,
                      DumpRuns runs, ObjectMapper json, Settings settings, Clock clock) {
        this.dataSource = dataSource;
        this.catalog = catalog;
        this.customFields = customFields;
        this.accounts = accounts;
        this.storage = storage;
        this.runs = runs;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    public void onPublished(PublishListener listener) {
        publishListeners.add(listener);
    }

    public Settings settings() {
        return settings;
    }

    public static String accountPrefix(long accountId) {
        return "accounts/" + accountId + "/";
    }

    public Result dump(long accountId, String trigger, Listener listener) {
        return dump(accountId, trigger, listener, null);
    }

    /** Runs a dump that was queued earlier (an on-demand request), under the run id the caller was given. */
    public Result dumpQueued(long accountId, long queuedRunId) {
        return dump(accountId, "api", Listener.NONE, queuedRunId);
    }

    private Result dump(long accountId, String trigger, Listener listener, Long queuedRunId) {
        Account account = accounts.get(accountId);
        if (!account.datadumpEnabled()) throw new DumpException.NotEnabled(accountId);
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!tryLock(c, accountId)) throw new DumpException.AlreadyRunning(accountId);
            try {
                Result result = dumpLocked(c, accountId, trigger, listener, started, queuedRunId);
                prune(accountId);
                for (PublishListener l : publishListeners) {
                    try {
                        l.published(result);
                    } catch (RuntimeException e) {
                        log.warn("a publish listener failed: {}", e.getMessage());
                    }
                }
                return result;
            } finally {
                unlock(c, accountId);
            }
        } catch (SQLException e) {
            throw new DumpException("dump of account " + accountId + " failed: " + e.getMessage(), e);
        }
    }

    private Result dumpLocked(Connection c, long accountId, String trigger, Listener listener, long started, Long queuedRunId)
            throws SQLException {
        Instant startedAt = clock.instant();
        long runId;
        if (queuedRunId != null) {
            if (!runs.claim(queuedRunId, settings.node(), settings.gzip())) {
                throw new DumpException("run " + queuedRunId + " is not queued any more");
            }
            runId = queuedRunId;
        } else {
            runId = runs.start(accountId, trigger, settings.node(), settings.gzip());
        }
        runs.failAbandoned(accountId, runId);
        String prefix = accountPrefix(accountId) + "dumps/" + DIR_TIME.format(startedAt) + "-" + runId + "/";
        runs.setPrefix(runId, prefix);
        try {
            beginDumpTransaction(c);
            Instant snapshotAt;
            Map<String, List<CustomFieldDefinition>> fieldsByEntity;
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
                // The first statement takes the snapshot; every table below is read from it.
                rs.next();
                snapshotAt = rs.getTimestamp(1).toInstant();
            }
            fieldsByEntity = customFields.list(c, accountId, null).stream()
                    .collect(Collectors.groupingBy(CustomFieldDefinition::entity));
            List<TableFile> files = new ArrayList<>();
            for (TableDefinition table : catalog.all()) {
                listener.tableStarted(table.name());
                long t0 = System.nanoTime();
                List<String> fields = table.customFields()
                        ? fieldsByEntity.getOrDefault(table.name(), List.of()).stream().map(CustomFieldDefinition::name).toList()
                        : List.of();
                TableFile file = dumpTable(c, accountId, table, fields, prefix);
                files.add(file);
                listener.tableFinished(file, (System.nanoTime() - t0) / 1_000_000);
            }
            c.commit();
            Manifest manifest = new Manifest(Manifest.FORMAT, runId, accountId, iso(startedAt), iso(snapshotAt), iso(clock.instant()),
                    settings.gzip(), files);
            writeJson(prefix + "manifest.json", manifest);
            runs.publish(runId, manifest, snapshotAt); // the moment the dump becomes current
            writeCurrentPointer(accountId, manifest, prefix);
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info("dump {} of account {} published: {} tables, {} rows, {} bytes in {} ms", runId, accountId, files.size(),
                    files.stream().mapToLong(TableFile::rows).sum(), files.stream().mapToLong(TableFile::bytes).sum(), millis);
            return new Result(runs.find(runId).orElseThrow(), manifest, millis);
        } catch (Exception e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection may be the thing that broke
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            runs.fail(runId, message);
            deleteQuietly(prefix);
            log.warn("dump {} of account {} failed: {}", runId, accountId, message);
            throw e instanceof DumpException de ? de : new DumpException("dump of account " + accountId + " failed: " + message, e);
        } finally {
            try {
                c.setReadOnly(false);
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // broken connections are discarded by the pool
            }
        }
    }

    /**
     * Opens the transaction a dump reads in: read-only, REPEATABLE READ (one snapshot for all tables, taken by its
     * first query) and the planner setting above. The benchmark opens the same, so it measures the same plans.
     */
    public static void beginDumpTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try (var st = c.createStatement()) {
            st.execute(PLANNER_SETTINGS);
        }
    }

    private TableFile dumpTable(Connection c, long accountId, TableDefinition table, List<String> customFieldNames, String prefix)
            throws SQLException, IOException {
        String file = table.name() + ".json" + (settings.gzip() ? ".gz" : "");
        try (Storage.ObjectSink sink = storage.create(prefix + file)) {
            DigestingOutputStream stored = new DigestingOutputStream(sink);
            try (ParallelGzipOutputStream gzip = settings.gzip()
                    ? new ParallelGzipOutputStream(stored, settings.gzipLevel(), GZIP_THREADS, GZIP_BLOCK_BYTES) : null) {
                DigestingOutputStream plain = gzip == null ? stored : new DigestingOutputStream(gzip);
                long rows;
                // JSON is encoded on this thread; checksums, compression and storage writes happen on other threads
                try (HandoffOutputStream handoff = new HandoffOutputStream(plain, HANDOFF_BUFFER_BYTES, HANDOFF_BUFFERS,
                        "dump-writer-" + table.name())) {
                    rows = JsonRows.copy(c, catalog.dumpSql(c, table.name(), customFieldNames, accountId), handoff);
                }
                if (gzip != null) gzip.finish();
                sink.flush();
                sink.commit();
                String storedSha = stored.sha256Hex();
                String jsonSha = gzip != null ? plain.sha256Hex() : storedSha;
                return new TableFile(table.name(), file, rows, stored.count(), storedSha, plain.count(), jsonSha,
                        gzip != null ? "gzip" : null, customFieldNames);
            }
        }
    }

    private void writeJson(String key, Object value) throws IOException {
        try (Storage.ObjectSink sink = storage.create(key)) {
            json.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(sink), value);
            sink.commit();
        }
    }

    /** accounts/<id>/current.json: a copy of the current manifest plus the dump's directory, for restores from storage alone. */
    private void writeCurrentPointer(long accountId, Manifest manifest, String prefix) {
        try {
            writeJson(accountPrefix(accountId) + "current.json", Map.of("dump_directory", prefix, "manifest", manifest));
        } catch (IOException e) {
            log.warn("could not update current.json of account {}: {}", accountId, e.getMessage());
        }
    }

    /** Deletes dumps beyond the retention count and leftovers of failed runs. */
    public void prune(long accountId) {
        for (DumpRun run : runs.expired(accountId, settings.retention())) {
            try {
                if (run.storagePrefix() != null) storage.deletePrefix(run.storagePrefix());
                runs.markPruned(run.id());
            } catch (IOException | SQLException e) {
                log.warn("could not prune dump {} of account {}: {}", run.id(), accountId, e.getMessage());
            }
        }
    }

    private void deleteQuietly(String prefix) {
        try {
            storage.deletePrefix(prefix);
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete leftovers under {}: {}", prefix, e.getMessage());
        }
    }

    /** True while any node holds the account's dump lock, i.e. a dump of it is running right now. */
    public boolean isRunning(long accountId) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = ? AND objid = ? AND objsubid = 2)")) {
            ps.setLong(1, LOCK_CLASS);
            ps.setLong(2, (int) accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean tryLock(Connection c, long accountId) throws SQLException {
        try (var ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, (int) accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, long accountId) {
        try (var ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, (int) accountId);
            ps.execute();
        } catch (SQLException e) {
            // a broken connection loses its session locks anyway
        }
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
