package io.datadump.dump;

import static io.datadump.dump.DumpFailure.step;

import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.db.DataAccessException;
import io.datadump.db.Handle;
import io.datadump.db.Jdbc;
import io.datadump.schema.Tenant;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dumps every table of the catalog for one account into storage, consistently and atomically, in three steps:
 *
 * <ul>
 *   <li><b>prepare</b>: take the account's lock, record the run, open the {@link DumpTransaction} and plan the tables;
 *   <li><b>read</b>: stream every table through COPY into its file, on one or several connections sharing the
 *       transaction's snapshot (memory does not grow with tables);
 *   <li><b>publish</b>: the {@link DumpPublisher} makes the dump current, then {@link Retention} prunes.
 * </ul>
 *
 * A failure anywhere leaves the previous dump current, removes the partial files and records on the run which step
 * (and table) failed and what happened. The {@link AccountLock} makes sure one dump of an account runs at a time across
 * all nodes. Whoever follows dumps registers {@link DumpEvents}.
 */
public final class DumpEngine {
    private static final Logger log = LoggerFactory.getLogger(DumpEngine.class);

    /** A dump under way: its run, where its files go, its snapshot and the dump current before it. */
    private record Prepared(
            Account account,
            long runId,
            String prefix,
            Instant startedAt,
            Instant snapshotAt,
            Optional<DumpRun> previous,
            DumpRun unpublished,
            List<TablePlans.TablePlan> plans,
            DumpTimings timings) {}

    private final Jdbc service;
    private final Jdbc source;
    private final TablePlans plans;
    private final Accounts accounts;
    private final DumpRuns runs;
    private final DumpWriter writer;
    private final ChangeCounter changes;
    private final DumpPublisher publisher;
    private final Retention retention;
    private final int parallelism;
    private final String node;
    private final Clock clock;
    private final List<DumpEvents> listeners = new CopyOnWriteArrayList<>();
    private final RunningDumps running = new RunningDumps();

    public DumpEngine(
            Jdbc service,
            Jdbc source,
            TablePlans plans,
            Accounts accounts,
            DumpRuns runs,
            DumpWriter writer,
            ChangeCounter changes,
            Retention retention,
            int parallelism,
            String node,
            Clock clock) {
        this.service = service;
        this.source = source;
        this.plans = plans;
        this.accounts = accounts;
        this.runs = runs;
        this.writer = writer;
        this.changes = changes;
        this.publisher = new DumpPublisher(writer, runs, clock);
        this.retention = retention;
        this.parallelism = parallelism;
        this.node = node;
        this.clock = clock;
    }

    /**
     * Ends this node's dumps for a stop: none starts from now on, and each running one is cancelled on the source,
     * recorded as stopped and thrown as {@link DumpException.Stopped}, so that its task goes back to the schedule.
     */
    public void stopAll() {
        running.stopAll(Duration.ofSeconds(10));
    }

    /** Tells {@code events} of every dump of this engine. */
    public void on(DumpEvents events) {
        listeners.add(events);
    }

    /** Dumps the account now; {@code progress} hears of this dump only (as well as every registered listener). */
    public DumpResult dump(long accountId, RunTrigger trigger, DumpEvents progress) {
        return dump(accountId, trigger, progress, null);
    }

    /** Runs a dump that was queued earlier (an on-demand request), under the run id the caller was given. */
    public DumpResult dumpQueued(long accountId, long queuedRunId) {
        return dump(accountId, RunTrigger.API, DumpEvents.NONE, queuedRunId);
    }

    /** True while any node runs a dump of the account. */
    public boolean isRunning(long accountId) {
        return AccountLock.isHeld(service, accountId);
    }

    private DumpResult dump(long accountId, RunTrigger trigger, DumpEvents progress, Long queuedRunId) {
        running.checkNotStopping();
        Account account = accounts.get(accountId);
        if (!account.datadumpEnabled()) throw new DumpException.NotEnabled(accountId);
        long started = System.nanoTime();
        DumpTimings timings = new DumpTimings();
        // the lock lives in the service database, where the nodes meet; the rows come from the source
        try (Connection lockConnection = service.dataSource().getConnection()) {
            Handle lock = Handle.on(lockConnection);
            if (!AccountLock.tryLock(lock, accountId)) throw new DumpException.AlreadyRunning(accountId);
            boolean connectionLost = false;
            try (Connection sourceConnection = source.dataSource().getConnection()) {
                DumpResult result = running.reading(
                        sourceConnection,
                        () -> dumpLocked(
                                Handle.on(sourceConnection),
                                account,
                                trigger,
                                progress,
                                started,
                                queuedRunId,
                                timings));
                long told = System.nanoTime();
                tell(progress, e -> e.published(result)); // before pruning: listeners may read the previous dump
                long pruning = System.nanoTime();
                timings.add(DumpTimings.Phase.LISTENERS, pruning - told);
                retention.prune(accountId, accounts.get(accountId).timeZone());
                timings.add(DumpTimings.Phase.PRUNE, System.nanoTime() - pruning);
                return result;
            } catch (SQLException | RuntimeException e) {
                connectionLost = Handle.isConnectionLost(e);
                throw e;
            } finally {
                // after a lost connection, ending the lock's session frees the lock without waiting on the network
                if (connectionLost) lock.abortQuietly();
                else AccountLock.unlock(lock, accountId);
            }
        } catch (SQLException | DataAccessException e) {
            throw new DumpException("dump of account " + accountId + " failed: " + DumpFailure.describe(e), e);
        }
    }

    private DumpResult dumpLocked(
            Handle handle,
            Account account,
            RunTrigger trigger,
            DumpEvents progress,
            long started,
            Long queuedRunId,
            DumpTimings timings) {
        long accountId = account.id();
        Instant startedAt = clock.instant();
        long runId = startRun(accountId, trigger, queuedRunId);
        runs.failAbandoned(accountId, runId);
        String prefix = DumpFileKey.dumpPrefix(accountId, runId, startedAt);
        runs.setPrefix(runId, prefix);
        try {
            Prepared dump = prepare(handle, account, runId, prefix, startedAt, timings);
            timings.add(DumpTimings.Phase.PREPARE, System.nanoTime() - started);
            int planned =
                    Math.max(1, Math.min(Math.min(parallelism, dump.plans().size()), readersTheHeapAllows()));
            SnapshotReaders.Read read = readTables(handle, dump, planned, progress);
            step("ending the dump's transaction", () -> {
                handle.connection().commit();
                return null;
            });
            List<TableFile> files = dump.plans().stream()
                    .map(plan -> read.files().get(plan.table().name()))
                    .toList();
            Manifest manifest = publisher.publish(
                    new DumpPublisher.Ready(
                            accountId, runId, prefix, startedAt, dump.snapshotAt(), dump.previous(), files),
                    timings);
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
            return new DumpResult(
                    runs.find(runId).orElseThrow(), manifest, millis, read.connections(), dump.previous(), timings);
        } catch (RuntimeException failure) {
            // after a lost connection the server rolls back by itself; a rollback would wait out a stall once more
            if (Handle.isConnectionLost(failure)) handle.abortQuietly();
            else handle.rollbackQuietly();
            // a dump cancelled by the node's stop fails in whatever step it was; it is recorded as what it is
            RuntimeException e = running.stopping() ? new DumpException.Stopped(failure) : failure;
            // a failed step says which; a DumpException says what went wrong itself (a tenant gone, a run taken)
            String error = e instanceof DumpException ? e.getMessage() : DumpFailure.describe(e);
            runs.fail(runId, error);
            retention.deleteLeftovers(prefix);
            log.warn("dump {} of account {} failed, {}", runId, accountId, error);
            tell(progress, l -> l.failed(accountId, error));
            throw e instanceof DumpException de && !(e instanceof DumpFailure)
                    ? de
                    : new DumpException("dump " + runId + " of account " + accountId + " failed, " + error, e);
        } finally {
            handle.endTransactionQuietly();
        }
    }

    /** Opens the dump's transaction, takes its snapshot and plans every table in it. */
    private Prepared prepare(
            Handle handle, Account account, long runId, String prefix, Instant startedAt, DumpTimings timings) {
        long accountId = account.id();
        DumpRun unpublished = runs.find(runId).orElseThrow();
        Optional<DumpRun> previous = runs.current(accountId); // no other dump can publish while the lock is held
        Instant snapshotAt = step("opening the dump's transaction on the source", () -> {
            DumpTransaction.begin(handle.connection());
            return DumpTransaction.takeSnapshot(handle); // every table below is read from this snapshot
        });
        Tenant tenant = step(
                "reading the tenant from the source",
                () -> plans.catalog()
                        .tenant(handle, accountId)
                        .orElseThrow(() -> new DumpException("tenant " + accountId + " no longer exists in the source ("
                                + plans.catalog().location() + "'s tenants.sql does not list it)")));
        accounts.refresh(account, tenant);
        List<TablePlans.TablePlan> tablePlans =
                step("planning the tables (custom fields, columns)", () -> plans.plan(handle, accountId));
        return new Prepared(account, runId, prefix, startedAt, snapshotAt, previous, unpublished, tablePlans, timings);
    }

    /**
     * Reads the tables on the dump's connection, and with {@code readers} above 1 on up to as many connections sharing
     * its snapshot (see {@link SnapshotReaders}).
     */
    private SnapshotReaders.Read readTables(Handle handle, Prepared dump, int readers, DumpEvents progress) {
        SnapshotReaders.TableJob job =
                (connection, plan) -> running.reading(connection, () -> dumpTable(dump, connection, plan, progress));
        return step("reading the tables", () -> {
            if (readers == 1) {
                Map<String, TableFile> files = new HashMap<>();
                for (TablePlans.TablePlan plan : dump.plans())
                    files.put(plan.table().name(), job.read(handle.connection(), plan));
                return new SnapshotReaders.Read(files, 1);
            }
            String snapshot = DumpTransaction.exportSnapshot(handle);
            return SnapshotReaders.read(
                    handle.connection(),
                    snapshot,
                    source,
                    readers,
                    TableOrder.largestFirst(handle, dump.plans(), dump.previous()),
                    job);
        });
    }

    /** One table into its file, with its changes since the previous dump counted; a failure names the table. */
    private TableFile dumpTable(Prepared dump, Connection connection, TablePlans.TablePlan plan, DumpEvents progress) {
        String table = plan.table().name();
        long accountId = dump.account().id();
        tell(progress, l -> l.tableStarted(accountId, table));
        long t0 = System.nanoTime();
        TableFile written;
        try {
            written = writer.writeTable(
                    dump.prefix(),
                    dump.previous(),
                    table,
                    plan.keys(),
                    plan.customFields(),
                    plan.schemaSha256(),
                    out -> JsonRows.copy(connection, plan.sql(), plan.output(), out),
                    dump.timings());
        } catch (SQLException | DataAccessException e) {
            throw new DumpFailure("reading table " + table + " from the source", e);
        } catch (IOException | RuntimeException e) {
            throw new DumpFailure("writing table " + table + " to storage", e);
        }
        TableFile file = step(
                "counting the changes of table " + table + " since the previous dump",
                () -> dump.timings()
                        .time(
                                DumpTimings.Phase.CHANGES,
                                () -> changes.since(dump.previous(), dump.unpublished(), written)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        tell(progress, l -> l.tableDumped(accountId, file, millis));
        return file;
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

    /** Tells this dump's progress listener and every registered one; a listener that throws is logged, nothing more. */
    private void tell(DumpEvents progress, Consumer<DumpEvents> event) {
        for (DumpEvents l : progress == DumpEvents.NONE ? listeners : withProgress(progress)) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.warn("a dump listener failed: {}", e.toString());
            }
        }
    }

    private List<DumpEvents> withProgress(DumpEvents progress) {
        List<DumpEvents> all = new ArrayList<>(listeners);
        all.add(progress);
        return all;
    }
}
