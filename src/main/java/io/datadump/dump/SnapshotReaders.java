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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a dump's tables on several source connections that see one snapshot, as {@code pg_dump -j} does: the dump's
 * own transaction has exported its snapshot ({@code pg_export_snapshot()}), and every further connection opens the
 * same kind of transaction and imports it ({@code SET TRANSACTION SNAPSHOT}) before its first query, so all files
 * still show one moment of the source. The tables wait in one queue, largest first: the longest starts at once and
 * the small ones fill the gaps around it. The first failure stops the taking of tables; it is thrown once every
 * reader has finished the table it was on, so no reader outlives the dump's transaction.
 *
 * <p>A connection beyond the dump's own is a gain, not a need: a source that refuses it (a role's CONNECTION LIMIT,
 * max_connections reached by many nodes, the pool exhausted) leaves the dump to the readers it has. Each extra reader
 * takes its claim once it has a connection; when the tables run out before that, the dump takes the claim instead and
 * does not wait for the reader, which then closes its connection without touching the snapshot.
 */
final class SnapshotReaders {
    private static final Logger log = LoggerFactory.getLogger(SnapshotReaders.class);

    /** The files by table name, and on how many connections the dump was (its own and the readers that got one). */
    record Read(Map<String, TableFile> files, int connections) {}

    /** What one reader does with one table, on its connection. */
    @FunctionalInterface
    interface TableJob {
        TableFile read(Connection connection, TablePlans.TablePlan plan) throws Exception;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private SnapshotReaders() {}

    /**
     * Reads every plan with {@code job}: on {@code primary} (whose transaction exported {@code snapshotId}) and on up to
     * {@code readers - 1} more connections from {@code source}.
     */
    static Read read(
            Connection primary,
            String snapshotId,
            Jdbc source,
            int readers,
            List<TablePlans.TablePlan> largestFirst,
            TableJob job)
            throws Exception {
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
        int connections = 1;
        try {
            List<Future<Boolean>> running = new ArrayList<>();
            List<AtomicBoolean> claims = new ArrayList<>();
            for (int i = 0; i < others; i++) {
                AtomicBoolean claim = new AtomicBoolean();
                claims.add(claim);
                running.add(pool.submit(() -> readOnImported(source, snapshotId, claim, queue, files, failure, job)));
            }
            drain(primary, queue, files, failure, job);
            for (int i = 0; i < others; i++) {
                if (claims.get(i).compareAndSet(false, true)) continue; // still without a connection: not waited for
                if (waitFor(running.get(i), failure)) connections++;
            }
        } finally {
            if (pool != null) pool.shutdownNow(); // ends the waits for connections of readers not waited for
        }
        if (failure.get() != null) throw failure.get();
        return new Read(files, connections);
    }

    /**
     * A reader of its own: a pooled connection in a dump transaction that imports the snapshot. Returns whether it got
     * its connection in time (the tables may have run out by then).
     */
    private static boolean readOnImported(
            Jdbc source,
            String snapshotId,
            AtomicBoolean claim,
            ConcurrentLinkedQueue<TablePlans.TablePlan> queue,
            Map<String, TableFile> files,
            AtomicReference<Exception> failure,
            TableJob job) {
        if (failure.get() != null || queue.isEmpty()) return false;
        Connection c;
        try {
            c = source.dataSource().getConnection();
        } catch (SQLException e) {
            // said only when the dump still counted on this reader, not when it finished without it
            if (claim.compareAndSet(false, true)) {
                log.warn("a dump reader got no source connection, the dump goes on on fewer: {}", e.getMessage());
            }
            return false;
        }
        try (c) {
            if (!claim.compareAndSet(false, true)) return false;
            if (queue.isEmpty()) return true;
            Handle handle = Handle.on(c);
            try {
                DumpTransaction.join(c, snapshotId);
                drain(c, queue, files, failure, job);
                return true;
            } finally {
                handle.rollbackQuietly(); // read-only: nothing to commit
                handle.endTransactionQuietly();
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
            return false;
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

    /** The reader's answer (whether it read), or false with its failure recorded. */
    private static boolean waitFor(Future<Boolean> f, AtomicReference<Exception> failure) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            failure.compareAndSet(
                    null, e.getCause() instanceof Exception cause ? cause : new DumpException(e.getMessage(), e));
            return false;
        }
    }
}
