package io.datadump.dump;

import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.db.DataAccessException;
import io.datadump.db.Handle;
import io.datadump.db.Jdbc;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.Tenant;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dumps every table of the catalog for one account into storage, consistently and atomically:
 *
 * <ul>
 *   <li>all tables are read in one read-only REPEATABLE READ transaction, so they share one snapshot;
 *   <li>rows stream through COPY straight into a JSON generator (memory does not grow with tables), and on through
 *       the {@link DumpWriter};
 *   <li>files go to a fresh dump directory; the dump becomes current only when the manifest is written and the run
 *       is marked published in the database. A failure anywhere leaves the previous dump current.
 * </ul>
 *
 * The {@link AccountLock} makes sure one dump of an account runs at a time across all nodes; {@link Retention}
 * deletes what is no longer kept once a dump is published.
 */
public final class DumpEngine {
    private static final Logger log = LoggerFactory.getLogger(DumpEngine.class);
    /**
     * Set inside the dump's transaction. A dump reads one account's rows in id order, which the (account_id, id)
     * index of every tenant table gives directly. With the default random_page_cost of 4, PostgreSQL prefers to walk
     * the whole primary key and filter out every other account once an account holds a good part of a table:
     * measured on 6,000,000 contacts, 1,000,000 of them the account's, 3.4 s and 4.7 GB read instead of 0.45 s and
     * 0.8 GB. 1.1 is the usual value for SSD storage, and SET LOCAL ends with the transaction.
     */
    private static final String PLANNER_SETTINGS = "SET LOCAL random_page_cost = 1.1";

    /** Told of every published dump (webhooks, caches); must not throw. */
    public interface PublishListener {
        void published(Result result);
    }

    /** Hears of every dump of this engine, table by table and at its end (the metrics). Must not throw. */
    public interface Observer {
        default void tableDumped(String table, long rows, long bytes, long millis) {}

        default void published(Result result) {}

        default void failed(long accountId, String reason) {}
    }

    /** Progress of one dump, table by table (the CLI prints it). */
    public interface Listener {
        default void tableStarted(String table) {}

        default void tableFinished(TableFile file, long millis) {}

        Listener NONE = new Listener() {};
    }

    /**
     * A published dump, the time it took, on how many source connections its tables were read, and the dump that was
     * current before it.
     */
    public record Result(DumpRun run, Manifest manifest, long millis, int readers, Optional<DumpRun> previous) {
        public long rows() {
            return manifest.tables().stream().mapToLong(TableFile::rows).sum();
        }

        public long bytes() {
            return manifest.tables().stream().mapToLong(TableFile::bytes).sum();
        }
    }

    private final Jdbc service;
    private final Jdbc source;
    private final TableCatalog catalog;
    private final TablePlans plans;
    private final Accounts accounts;
    private final DumpRuns runs;
    private final DumpWriter writer;
    private final Retention retention;
    private final ChangeCounter changes;
    private final int parallelism;
    private final String node;
    private final Clock clock;
    private final List<PublishListener> publishListeners = new CopyOnWriteArrayList<>();
    private final List<Observer> observers = new CopyOnWriteArrayList<>();

    public DumpEngine(
            Jdbc service,
            Jdbc source,
            TableCatalog catalog,
            TablePlans plans,
            Accounts accounts,
            DumpRuns runs,
            DumpWriter writer,
            Retention retention,
            ChangeCounter changes,
            int parallelism,
            String node,
            Clock clock) {
        this.service = service;
        this.source = source;
        this.catalog = catalog;
        this.plans = plans;
        this.accounts = accounts;
        this.runs = runs;
        this.writer = writer;
        this.retention = retention;
        this.changes = changes;
        this.parallelism = parallelism;
        this.node = node;
        this.clock = clock;
    }

    public void onPublished(PublishListener listener) {
        publishListeners.add(listener);
    }

    public void observe(Observer observer) {
        observers.add(observer);
    }

    public Result dump(long accountId, RunTrigger trigger, Listener listener) {
        return dump(accountId, trigger, listener, null);
    }

    /** Runs a dump that was queued earlier (an on-demand request), under the run id the caller was given. */
    public Result dumpQueued(long accountId, long queuedRunId) {
        return dump(accountId, RunTrigger.API, Listener.NONE, queuedRunId);
    }

    /** True while any node runs a dump of the account. */
    public boolean isRunning(long accountId) {
        return AccountLock.isHeld(service, accountId);
    }

    private Result dump(long accountId, RunTrigger trigger, Listener listener, Long queuedRunId) {
        Account account = accounts.get(accountId);
        if (!account.datadumpEnabled()) throw new DumpException.NotEnabled(accountId);
        long started = System.nanoTime();
        // the lock lives in the service database, where the nodes meet; the rows come from the source
        try (Connection lockConnection = service.dataSource().getConnection()) {
            Handle lock = Handle.on(lockConnection);
            if (!AccountLock.tryLock(lock, accountId)) throw new DumpException.AlreadyRunning(accountId);
            try (Connection sourceConnection = source.dataSource().getConnection()) {
                Result result =
                        dumpLocked(Handle.on(sourceConnection), account, trigger, listener, started, queuedRunId);
                notifyPublished(result); // before pruning: listeners may read the previous dump
                retention.prune(accountId, accounts.get(accountId).timeZone());
                return result;
            } finally {
                AccountLock.unlock(lock, accountId);
            }
        } catch (SQLException | DataAccessException e) {
            throw new DumpException("dump of account " + accountId + " failed: " + e.getMessage(), e);
        }
    }

    private Result dumpLocked(
            Handle handle, Account account, RunTrigger trigger, Listener listener, long started, Long queuedRunId) {
        long accountId = account.id();
        Instant startedAt = clock.instant();
        long runId = startRun(accountId, trigger, queuedRunId);
        runs.failAbandoned(accountId, runId);
        String prefix = DumpFileKey.dumpPrefix(accountId, runId, startedAt);
        runs.setPrefix(runId, prefix);
        Connection c = handle.connection();
        try {
            DumpRun unpublished = runs.find(runId).orElseThrow();
            Optional<DumpRun> previous = runs.current(accountId); // no other dump can publish while the lock is held
            beginDumpTransaction(c);
            // The first statement takes the snapshot; every table below is read from it.
            Instant snapshotAt = handle.queryFirst(
                            "SELECT now()", rs -> rs.getTimestamp(1).toInstant())
                    .orElseThrow();
            Tenant tenant = catalog.tenant(handle, accountId)
                    .orElseThrow(() -> new DumpException("tenant " + accountId + " no longer exists in the source ("
                            + catalog.location() + "'s tenants.sql does not list it)"));
            accounts.refresh(account, tenant);
            List<TablePlans.TablePlan> tablePlans = plans.plan(handle, accountId);
            SnapshotReaders.TableJob job = (connection, plan) -> {
                String table = plan.table().name();
                listener.tableStarted(table);
                long t0 = System.nanoTime();
                TableFile file = writer.writeTable(
                        prefix,
                        previous,
                        table,
                        plan.keys(),
                        plan.customFields(),
                        plan.schemaSha256(),
                        out -> JsonRows.copy(connection, plan.sql(), plan.output(), out));
                file = changes.since(previous, unpublished, file);
                long tableMillis = (System.nanoTime() - t0) / 1_000_000;
                listener.tableFinished(file, tableMillis);
                for (Observer o : observers) o.tableDumped(table, file.rows(), file.bytes(), tableMillis);
                return file;
            };
            int planned = Math.max(1, Math.min(Math.min(parallelism, tablePlans.size()), readersTheHeapAllows()));
            SnapshotReaders.Read read = readTables(handle, tablePlans, previous, planned, job);
            List<TableFile> files = tablePlans.stream()
                    .map(plan -> read.files().get(plan.table().name()))
                    .toList();
            c.commit();
            Set<String> shared = previous.isPresent() ? writer.shareUnchanged(previous.get(), prefix, files) : Set.of();
            Manifest manifest = new Manifest(
                    Manifest.FORMAT,
                    runId,
                    accountId,
                    iso(startedAt),
                    iso(snapshotAt),
                    iso(clock.instant()),
                    writer.gzip(),
                    files);
            writer.writeManifestAndSync(prefix, manifest, shared);
            // The pointer first: if it cannot be written (a full disk), the dump fails and the previous one, which the
            // pointer still names, stays current. If publishing then fails, the pointer is turned back.
            writeCurrentPointer(accountId, manifest, prefix);
            try {
                runs.publish(runId, manifest, snapshotAt); // the moment the dump becomes current
            } catch (RuntimeException e) {
                restoreCurrentPointer(accountId, previous);
                throw e;
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            log.info(
                    "dump {} of account {} published: {} tables, {} rows, {} bytes in {} ms on {} connections{}",
                    runId,
                    accountId,
                    files.size(),
                    files.stream().mapToLong(TableFile::rows).sum(),
                    files.stream().mapToLong(TableFile::bytes).sum(),
                    millis,
                    read.connections(),
                    read.connections() < planned ? " (of " + planned + ": the source gave no more in time)" : "");
            Result result = new Result(runs.find(runId).orElseThrow(), manifest, millis, read.connections(), previous);
            for (Observer o : observers) o.published(result);
            return result;
        } catch (Exception e) {
            handle.rollbackQuietly();
            String message = RecoveryConflict.explain(e);
            runs.fail(runId, message);
            retention.deleteLeftovers(prefix);
            log.warn("dump {} of account {} failed: {}", runId, accountId, message);
            for (Observer o : observers) o.failed(accountId, message);
            throw e instanceof DumpException de
                    ? de
                    : new DumpException("dump of account " + accountId + " failed: " + message, e);
        } finally {
            handle.endTransactionQuietly();
        }
    }

    /**
     * Reads the tables on the dump's connection, and with {@code readers} above 1 on up to as many connections sharing
     * its snapshot (see {@link SnapshotReaders}).
     */
    private SnapshotReaders.Read readTables(
            Handle handle,
            List<TablePlans.TablePlan> tablePlans,
            Optional<DumpRun> previous,
            int readers,
            SnapshotReaders.TableJob job)
            throws Exception {
        if (readers == 1) {
            Map<String, TableFile> files = new HashMap<>();
            for (TablePlans.TablePlan plan : tablePlans)
                files.put(plan.table().name(), job.read(handle.connection(), plan));
            return new SnapshotReaders.Read(files, 1);
        }
        String snapshot = handle.queryFirst("SELECT pg_export_snapshot()", rs -> rs.getString(1))
                .orElseThrow();
        return SnapshotReaders.read(
                handle.connection(),
                snapshot,
                source,
                readers,
                TableOrder.largestFirst(handle, tablePlans, previous),
                job);
    }

    /**
     * One reader for each 64 MB of maximum heap: with -Xmx256m a gzip dump of a scale-100 account peaked at 239 and
     * 281 MB resident on 4 readers, and at 297 to 348 MB on 8 (G1's own structures grow with the heap it commits
     * under the faster allocation, and every reader adds its threads and deflater).
     */
    private static int readersTheHeapAllows() {
        return (int) Math.max(1, Runtime.getRuntime().maxMemory() / (64L << 20));
    }

    private long startRun(long accountId, RunTrigger trigger, Long queuedRunId) {
        if (queuedRunId == null) return runs.start(accountId, trigger, node, writer.gzip());
        if (!runs.claim(queuedRunId, node, writer.gzip())) {
            throw new DumpException("run " + queuedRunId + " is not queued any more");
        }
        return queuedRunId;
    }

    /**
     * Opens the transaction a dump reads in: read-only, REPEATABLE READ (one snapshot for all tables, taken by its
     * first query) and the planner setting above. The benchmark opens the same, so it measures the same plans.
     */
    public static void beginDumpTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        Handle.on(c).execute(PLANNER_SETTINGS);
    }

    /** accounts/&lt;id&gt;/current.json: the current manifest and its directory, for restores from storage alone. */
    private void writeCurrentPointer(long accountId, Manifest manifest, String prefix) throws IOException {
        writer.writeDocument(
                DumpFileKey.currentPointer(accountId), Map.of("dump_directory", prefix, "manifest", manifest));
    }

    private void restoreCurrentPointer(long accountId, Optional<DumpRun> previous) {
        try {
            if (previous.isPresent() && previous.get().manifest().isPresent()) {
                writeCurrentPointer(
                        accountId,
                        previous.get().manifest().get(),
                        previous.get().storagePrefix());
            }
        } catch (IOException e) {
            log.warn("could not turn current.json of account {} back: {}", accountId, e.getMessage());
        }
    }

    private void notifyPublished(Result result) {
        for (PublishListener l : publishListeners) {
            try {
                l.published(result);
            } catch (RuntimeException e) {
                log.warn("a publish listener failed: {}", e.getMessage());
            }
        }
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
