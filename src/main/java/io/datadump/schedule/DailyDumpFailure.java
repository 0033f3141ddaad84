package io.datadump.schedule;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed daily dump does next: it is retried {@code DATADUMP_DUMP_RETRIES} times, the first after
 * {@code DATADUMP_RETRY_BASE_SECONDS}, doubling; then it waits for the account's next daily slot. The account keeps
 * its last good dump throughout.
 */
final class DailyDumpFailure implements FailureHandler<Void> {
    private static final Logger log = LoggerFactory.getLogger(DailyDumpFailure.class);

    private final SchedulerSettings settings;
    private final Clock clock;
    private final LongFunction<Optional<Instant>> nextDailyRun;

    DailyDumpFailure(SchedulerSettings settings, Clock clock, LongFunction<Optional<Instant>> nextDailyRun) {
        this.settings = settings;
        this.clock = clock;
        this.nextDailyRun = nextDailyRun;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<Void> ops) {
        int failures = complete.getExecution().consecutiveFailures + 1;
        long accountId = Long.parseLong(complete.getExecution().taskInstance.getId());
        Instant next;
        if (failures <= settings.maxRetries()) {
            next = clock.instant().plus(settings.retryBase().multipliedBy(1L << Math.min(failures - 1, 20)));
            log.warn(
                    "scheduled dump of account {} failed ({} of {} tries); retrying at {}",
                    accountId,
                    failures,
                    settings.maxRetries() + 1,
                    next);
        } else {
            next = nextDailyRun.apply(accountId).orElse(clock.instant().plus(Duration.ofDays(1)));
            log.warn(
                    "scheduled dump of account {} failed {} times; next try at its daily time {}",
                    accountId,
                    failures,
                    next);
        }
        ops.reschedule(complete, next);
    }
}
