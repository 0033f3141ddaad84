package io.datadump.dump;

import io.datadump.storage.Storage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the published dumps an account's {@link RetentionPolicy} no longer keeps, and the leftovers of failed runs.
 *
 * <p>Dumps are ranked by their snapshot, the moment their data is from, never by run id: an on-demand run queued
 * before a later dump can run after it, and then it is the newest. A dump the policy drops is not deleted at once: it
 * becomes {@link RunStatus#EXPIRING} (offered no more) and its files stay for {@code servable}, as long as a link
 * handed out to it, or by a node whose cached current dump it still was, can live. Then housekeeping (or the next
 * dump of the account) deletes it. A dump's run is marked pruned only after its files are gone, so a failure to
 * delete is retried next time.
 */
public final class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final DumpRuns runs;
    private final Storage storage;
    private final RetentionPolicy policy;
    private final Duration servable;
    private final Clock clock;

    /** {@code servable}: how long a dropped dump's files stay (the longest a link to it or a cached pointer lives). */
    public Retention(DumpRuns runs, Storage storage, RetentionPolicy policy, Duration servable, Clock clock) {
        this.runs = runs;
        this.storage = storage;
        this.policy = policy;
        this.servable = servable;
        this.clock = clock;
    }

    public void prune(long accountId, ZoneId zone) {
        List<DumpRuns.Retained> published = runs.publishedForRetention(accountId);
        Set<Long> keep = policy.keep(published.stream()
                .map(r -> new RetentionPolicy.Dated(
                        r.id(), r.snapshotAt().atZone(zone).toLocalDate()))
                .toList());
        Instant deleteAfter = clock.instant().plus(servable);
        for (DumpRuns.Retained run : published) {
            if (!keep.contains(run.id())) runs.expire(run.id(), deleteAfter);
        }
        deleteExpired(accountId);
        runs.failedWithFiles(accountId).forEach(run -> delete(run.id(), run.accountId(), run.storagePrefix()));
    }

    /** Deletes the dumps, of every account, whose links have all expired. Housekeeping calls it every few minutes. */
    public void deleteExpired() {
        deleteExpired(null);
    }

    private void deleteExpired(Long accountId) {
        for (DumpRuns.Retained run : runs.expiredBy(clock.instant(), accountId)) {
            delete(run.id(), run.accountId(), run.storagePrefix());
        }
    }

    /** The day of a dump's snapshot in the account's time zone: what history and ?date= call its date. */
    public static LocalDate day(DumpRun run, ZoneId zone) {
        return run.snapshotAt().atZone(zone).toLocalDate();
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
