package io.datadump.dump;

import io.datadump.storage.Storage;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an account's newest {@code keep} published dumps and deletes older ones, and the leftovers of failed runs.
 * A dump's run is marked pruned only after its files are gone, so a failure to delete is retried next time.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DumpRuns runs;
    private final Storage storage;
    private final int keep;

    public Retention(DumpRuns runs, Storage storage, int keep) {
        if (keep < 1) throw new IllegalArgumentException("retention must keep at least one dump");
        this.runs = runs;
        this.storage = storage;
        this.keep = keep;
    }

    public void prune(long accountId) {
        for (DumpRun run : runs.expired(accountId, keep)) {
            try {
                if (run.storagePrefix() != null) storage.deletePrefix(run.storagePrefix());
                runs.markPruned(run.id());
            } catch (IOException | RuntimeException e) {
                log.warn("could not prune dump {} of account {}: {}", run.id(), accountId, e.getMessage());
            }
        }
    }

    /** Deletes what a failed run left under its prefix; a failure here is only logged (prune retries it). */
    void deleteLeftovers(String prefix) {
        try {
            storage.deletePrefix(prefix);
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete leftovers under {}: {}", prefix, e.getMessage());
        }
    }
}
