package io.datadump.dump;

import io.datadump.storage.Storage;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the published dumps an account's {@link RetentionPolicy} no longer keeps, and the leftovers of failed runs.
 * A dump's run is marked pruned only after its files are gone, so a failure to delete is retried next time.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DumpRuns runs;
    private final Storage storage;
    private final RetentionPolicy policy;

    public Retention(DumpRuns runs, Storage storage, RetentionPolicy policy) {
        this.runs = runs;
        this.storage = storage;
        this.policy = policy;
    }

    public void prune(long accountId, ZoneId zone) {
        List<DumpRuns.Retained> published = runs.publishedForRetention(accountId);
        Set<Long> keep = policy.keep(published.stream()
                .map(r -> new RetentionPolicy.Dated(
                        r.id(), r.snapshotAt().atZone(zone).toLocalDate()))
                .toList());
        for (DumpRuns.Retained run : published) {
            if (!keep.contains(run.id())) delete(run.id(), run.accountId(), run.storagePrefix());
        }
        runs.failedWithFiles(accountId).forEach(run -> delete(run.id(), run.accountId(), run.storagePrefix()));
    }

    /** The day of a dump's snapshot in the account's time zone: what history and ?date= call its date. */
    public static LocalDate day(DumpRun run, ZoneId zone) {
        Instant at = run.manifest().map(m -> Instant.parse(m.snapshotAt())).orElse(run.startedAt());
        return at.atZone(zone).toLocalDate();
    }

    private void delete(long runId, long accountId, String storagePrefix) {
        try {
            if (storagePrefix != null) storage.deletePrefix(storagePrefix);
            runs.markPruned(runId);
        } catch (IOException | RuntimeException e) {
            log.warn("could not prune dump {} of account {}: {}", runId, accountId, e.getMessage());
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
