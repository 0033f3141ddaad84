package io.datadump.dump;

import io.datadump.db.Handle;
import io.datadump.db.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Reads a dump's tables on several source connections that see one snapshot, as {@code pg_dump -j} does: the dump's
 * own transaction has exported its snapshot ({@code pg_export_snapshot()}), and every further connection opens the
 * same kind of transaction and imports it ({@code SET TRANSACTION SNAPSHOT}) before its first query, so all files
 * still show one moment of the source. The tables wait in one queue, largest first: the longest starts at once and
 * the small ones fill the gaps around it. The first failure stops the taking of tables; it is thrown once every
 * reader has finished the table it was on, so no reader outlives the dump's transaction.
 */
final class SnapshotReaders {
    /** What one reader does with one table, on its connection. */
    @FunctionalInterface
    interface TableJob {
        TableFile read(Connection connection, TablePlans.TablePlan plan) throws Exception;
    }

    /** What pg_export_snapshot() returns, e.g. 00000003-0000001B-1: checked, since it is spliced into SQL. */
    private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]{1,64}");

    private static final AtomicInteger THREADS = new AtomicInteger();

    private SnapshotReaders() {}

    /**
     * Reads every plan with {@code job}: on {@code primary} (whose transaction exported {@code snapshotId}) and on up to
     * {@code readers - 1} more connections from {@code source}. Returns the files by table name.
     */
    static Map<String, TableFile> read(
            Connection primary,
            String snapshotId,
            Jdbc source,
            int readers,
            List<TablePlans.TablePlan> largestFirst,
            TableJob job)
            throws Exception {
        if (!SNAPSHOT_ID.matcher(snapshotId).matches())
            throw new DumpException("unexpected snapshot id from pg_export_snapshot(): " + snapshotId);
        var queue = new ConcurrentLinkedQueue<>(largestFirst);
        var files = new ConcurrentHashMap<String, TableFile>();
        var failure = new AtomicReference<Exception>();
        int others = Math.min(readers, largestFirst.size()) - 1;
        ExecutorService pool = others <= 0
                ? null
                : Executors.newFixedThreadPool(others, r -> {
                    Thread t = new Thread(r, "dump-reader-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < others; i++) {
                running.add(pool.submit(() -> {
                    readOnImported(source, snapshotId, queue, files, failure, job);
                    return null;
                }));
            }
            drain(primary, queue, files, failure, job);
            for (Future<?> f : running) waitFor(f, failure);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        if (failure.get() != null) throw failure.get();
        return files;
    }

    /** A reader of its own: a pooled connection in a dump transaction that imports the snapshot. */
    private static void readOnImported(
            Jdbc source,
            String snapshotId,
            ConcurrentLinkedQueue<TablePlans.TablePlan> queue,
            Map<String, TableFile> files,
            AtomicReference<Exception> failure,
            TableJob job) {
        if (failure.get() != null || queue.isEmpty()) return;
        try (Connection c = source.dataSource().getConnection()) {
            Handle handle = Handle.on(c);
            try {
                DumpEngine.beginDumpTransaction(c);
                handle.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
                drain(c, queue, files, failure, job);
            } finally {
                handle.rollbackQuietly(); // read-only: nothing to commit
                handle.endTransactionQuietly();
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    private static void drain(
            Connection c,
            ConcurrentLinkedQueue<TablePlans.TablePlan> queue,
            Map<String, TableFile> files,
            AtomicReference<Exception> failure,
            TableJob job) {
        TablePlans.TablePlan plan;
        while (failure.get() == null && (plan = queue.poll()) != null) {
            try {
                files.put(plan.table().name(), job.read(c, plan));
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private static void waitFor(Future<?> f, AtomicReference<Exception> failure) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            failure.compareAndSet(
                    null, e.getCause() instanceof Exception cause ? cause : new DumpException(e.getMessage(), e));
        }
    }
}
