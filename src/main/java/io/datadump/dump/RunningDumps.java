package io.datadump.dump;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source connections this node's dumps are reading tables on, so that a stopping node can end its dumps at once
 * rather than wait out a long COPY: {@link #stopAll} asks the source to cancel each one's statement (PostgreSQL's
 * cancel request), the dump fails with a {@link DumpException.Stopped}, and its task is handed back to the schedule
 * for any node to run again.
 */
final class RunningDumps {
    private static final Logger log = LoggerFactory.getLogger(RunningDumps.class);

    /** Work on a connection that a stop may cancel. */
    interface Reading<T, E extends Exception> {
        T read() throws E;
    }

    private final Set<Connection> reading = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /** Runs {@code work} on {@code c}, which {@link #stopAll} cancels; refused once the node is stopping. */
    <T, E extends Exception> T reading(Connection c, Reading<T, E> work) throws E {
        checkNotStopping();
        boolean added = reading.add(c); // the dump's own connection is registered once, for the whole dump
        try {
            if (stopping) cancel(c); // a stop that came between the check and the add
            return work.read();
        } finally {
            if (added) reading.remove(c);
        }
    }

    /** Throws {@link DumpException.Stopped} once {@link #stopAll} was called: no dump starts or goes on after it. */
    void checkNotStopping() {
        if (stopping) throw new DumpException.Stopped();
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * Ends every dump of this node: from now on none starts, and every statement on a dump's connection is cancelled
     * until the dump has let go of it (at most {@code wait}). Cancelling once is not enough: a cancel request ends only
     * the statement running when it arrives, and one that arrives between two statements ends none.
     */
    void stopAll(Duration wait) {
        stopping = true;
        long deadline = System.nanoTime() + wait.toNanos();
        while (!reading.isEmpty() && System.nanoTime() < deadline) {
            for (Connection c : reading) cancel(c);
            try {
                Thread.sleep(CANCEL_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!reading.isEmpty())
            log.warn("{} dump connection(s) still busy after {} s", reading.size(), wait.toSeconds());
    }

    private static final Duration CANCEL_EVERY = Duration.ofMillis(100);

    private static void cancel(Connection c) {
        try {
            c.unwrap(PGConnection.class).cancelQuery();
        } catch (SQLException e) {
            log.warn("could not cancel a dump's query on the source: {}", e.getMessage());
        }
    }
}
