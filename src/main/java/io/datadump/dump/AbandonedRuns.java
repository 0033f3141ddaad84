package io.datadump.dump;

import io.datadump.db.Jdbc;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds runs left 'running' by a node that died (kill -9, power loss): a live run always holds its account's dump
 * lock, and PostgreSQL drops a dead node's locks, so a running run whose lock nobody holds is abandoned. Its files are
 * deleted and it is marked failed, unless an on-demand task will revive it (then only its files go; the revived run
 * starts in a fresh directory). Runs at node start and every few minutes on one node, so leftovers do not wait for
 * the account's next successful dump.
 */
public final class AbandonedRuns {
    private static final Logger log = LoggerFactory.getLogger(AbandonedRuns.class);

    private final Jdbc jdbc;
    private final DumpRuns runs;
    private final Retention retention;

    public AbandonedRuns(Jdbc jdbc, DumpRuns runs, Retention retention) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.retention = retention;
    }

    /** Cleans up every abandoned run; {@code willBeRevived} says whether a task will take a run over. */
    public int clean(LongPredicate willBeRevived) {
        int cleaned = 0;
        for (DumpRun run : runs.running()) {
            if (AccountLock.isHeld(jdbc, run.accountId())) continue; // alive somewhere
            if (run.storagePrefix() != null) {
                retention.deleteLeftovers(run.storagePrefix());
                jdbc.update("UPDATE dump_runs SET storage_prefix = NULL WHERE id = ? AND status = 'running'", run.id());
            }
            if (!willBeRevived.test(run.id())) {
                jdbc.update(
                        "UPDATE dump_runs SET status = 'failed', finished_at = now(),"
                                + " error = 'abandoned: the node running it stopped' WHERE id = ? AND status = 'running'",
                        run.id());
            }
            cleaned++;
        }
        if (cleaned > 0) log.info("cleaned up {} abandoned dump run(s)", cleaned);
        return cleaned;
    }
}
