package io.datadump.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.db.Jdbc;
import io.datadump.dump.AbandonedRuns;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpException;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.RunTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily dump of every entitled account, on db-scheduler: one task instance per account (its id), stored in
 * the same PostgreSQL. Any number of nodes run the scheduler; db-scheduler makes sure an instance executes on
 * one node at a time and revives an execution whose node stopped sending heartbeats on another node.
 * After each run the instance reschedules itself to the account's next local dump time, read afresh so that
 * changes of time or zone apply. A failed run is retried with exponential backoff, a bounded number of times,
 * then waits for its next daily slot; the account keeps its last good dump throughout.
 */
public final class DumpScheduler implements AutoCloseable {
    public static final String DAILY_TASK = "daily-dump";
    public static final String ON_DEMAND_TASK = "on-demand-dump";
    public static final String ABANDONED_TASK = "abandoned-runs";
    public static final String CHECK_TASK = "storage-check";
    /** The advisory lock class of on-demand requests (the dump lock's is 0x0DD0). */
    private static final int REQUEST_LOCK_CLASS = 0x0DD1;

    private static final Logger log = LoggerFactory.getLogger(DumpScheduler.class);

    private final Jdbc jdbc;
    private final DataSource dataSource;
    private final AbandonedRuns abandoned;
    private final RecurringTask<Void> abandonedTask;
    private final List<Runnable> housekeeping = new CopyOnWriteArrayList<>();
    private final RecurringTask<Void> checkTask;
    private final List<Runnable> dailyChecks = new CopyOnWriteArrayList<>();
    private final Accounts accounts;
    private final DumpEngine engine;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final CustomTask<Void> dailyTask;
    private final OneTimeTask<Long> onDemandTask;
    private final DumpRuns runs;
    private final SchedulerClient client;
    private Scheduler scheduler;

    public DumpScheduler(
            Jdbc jdbc,
            Accounts accounts,
            DumpEngine engine,
            DumpRuns runs,
            AbandonedRuns abandoned,
            SchedulerSettings settings,
            Clock clock) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.dataSource();
        this.abandoned = abandoned;
        this.runs = runs;
        this.accounts = accounts;
        this.engine = engine;
        this.settings = settings;
        this.clock = clock;
        this.dailyTask = Tasks.custom(DAILY_TASK, Void.class)
                .onFailure(new ReleasedOnStop<>(
                        new DailyDumpFailure(
                                settings,
                                clock,
                                accountId -> accounts.find(accountId).map(this::nextRun)),
                        clock))
                .execute((instance, context) -> {
                    long accountId = Long.parseLong(instance.getId());
                    Optional<Account> account = accounts.find(accountId).filter(Account::datadumpEnabled);
                    if (account.isEmpty()) return (complete, ops) -> ops.remove(); // entitlement gone: stop
                    afterAnyRunningDump(accountId, () -> engine.dump(accountId, RunTrigger.SCHEDULE, DumpEvents.NONE));
                    return (complete, ops) -> ops.reschedule(
                            complete, nextRun(accounts.find(accountId).orElse(account.get())));
                });
        // On-demand dumps: one instance per account ("at most one queued"), its data the queued run's id.
        this.onDemandTask = Tasks.oneTime(ON_DEMAND_TASK, Long.class)
                .onFailure(new ReleasedOnStop<>(
                        new FailureHandler.MaxRetriesFailureHandler<>(
                                settings.maxRetries(),
                                (complete, ops) ->
                                        ops.reschedule(complete, clock.instant().plus(settings.retryBase())),
                                (complete, ops) -> runs.fail(
                                        (Long) complete.getExecution()
                                                .taskInstance
                                                .getData(),
                                        "gave up after retries")),
                        clock))
                .execute((instance, context) -> {
                    long accountId = Long.parseLong(instance.getId());
                    try {
                        afterAnyRunningDump(accountId, () -> engine.dumpQueued(accountId, instance.getData()));
                    } catch (DumpException.NotEnabled e) {
                        runs.fail(instance.getData(), e.getMessage());
                    }
                });
        // Every few minutes, on one node: runs whose node died are failed and their files removed.
        this.abandonedTask = Tasks.recurring(ABANDONED_TASK, FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> runHousekeeping());
        // Every day on one node, after the nightly window: every stored dump read back (datadump check).
        this.checkTask = Tasks.recurring(CHECK_TASK, Schedules.daily(settings.defaultZone(), settings.checkTime()))
                .execute((instance, context) -> {
                    for (Runnable check : dailyChecks) check.run();
                });
        this.client = SchedulerClient.Builder.create(dataSource, dailyTask, onDemandTask)
                .build();
    }

    /**
     * Also runs {@code task} every few minutes on one node, with the clean-up of abandoned runs (pruning the access log
     * and idle portal sessions).
     */
    public void addHousekeeping(Runnable task) {
        housekeeping.add(task);
    }

    /**
     * Runs a dump once no other dump of the account runs: a daily dump and an on-demand one due together (or a CLI dump
     * running) would otherwise fail one of them and leave it to a retry minutes later. Dumps take seconds; after
     * {@link #LOCK_WAIT} the task fails and its retry takes over.
     */
    private static void afterAnyRunningDump(long accountId, Runnable dump) {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                dump.run();
                return;
            } catch (DumpException.AlreadyRunning e) {
                if (System.nanoTime() > deadline) throw e;
                try {
                    Thread.sleep(LOCK_POLL.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How long a stop waits for executions to hand themselves back (a stopped dump takes well under a second). */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(15);

    private static final Duration LOCK_WAIT = Duration.ofMinutes(10), LOCK_POLL = Duration.ofMillis(250);

    /** Cleans up abandoned runs, then runs every housekeeping task; a failing task is logged, the others still run. */
    public void runHousekeeping() {
        cleanAbandonedRuns();
        for (Runnable r : housekeeping) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("housekeeping failed: {}", e.getMessage());
            }
        }
    }

    /** Also runs {@code check} every day at DATADUMP_CHECK_TIME, on one node (the storage check). */
    public void onDailyCheck(Runnable check) {
        dailyChecks.add(check);
    }

    /** The next local dump time of an account, as an instant. */
    public Instant nextRun(Account account) {
        LocalTime time = account.dumpTime().orElse(settings.defaultTime());
        ZonedDateTime now = clock.instant().atZone(account.timeZone());
        ZonedDateTime today = now.toLocalDate().atTime(time).atZone(account.timeZone());
        return (today.isAfter(now) ? today : today.plusDays(1)).toInstant();
    }

    /** Brings an account's schedule in line with its entitlement and dump time. Works without a running scheduler. */
    public void sync(Account account) {
        sync(account, SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
    }

    private void sync(Account account, SchedulerClient.ScheduleOptions whenExists) {
        TaskInstanceId id = TaskInstanceId.of(DAILY_TASK, Long.toString(account.id()));
        if (account.datadumpEnabled()) {
            client.schedule(dailyTask.instance(Long.toString(account.id())), nextRun(account), whenExists);
        } else if (client.getScheduledExecution(id).isPresent()) {
            client.cancel(id);
        }
    }

    /**
     * At node start: schedules entitled accounts that have no instance yet and unschedules the others. Existing
     * instances keep their time (it may be a retry, a run made due now, or one in progress elsewhere).
     */
    public void syncAll() {
        accounts.list().forEach(a -> sync(a, SchedulerClient.ScheduleOptions.WHEN_EXISTS_DO_NOTHING));
    }

    /** Makes the account's daily instance due now (used by tests and operators to trigger a scheduled run). */
    public void runNow(long accountId) {
        client.schedule(
                dailyTask.instance(Long.toString(accountId)),
                clock.instant(),
                SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
    }

    /** The answer to an on-demand request. */
    public sealed interface Request {
        record Queued(long runId) implements Request {}

        record AlreadyRunning() implements Request {}

        record TooSoon(Duration retryAfter) implements Request {}
    }

    /**
     * Queues a dump of the account now, unless one is queued or running (AlreadyRunning) or the last on-demand
     * dump started less than {@code minInterval} ago (TooSoon).
     */
    public Request requestDump(long accountId, Duration minInterval) {
        // One request of an account at a time across all nodes: two POSTs racing on two nodes cannot both queue a run.
        return jdbc.inTransaction(h -> {
            h.queryFirst("SELECT pg_advisory_xact_lock(?, ?)", rs -> true, REQUEST_LOCK_CLASS, (int) accountId);
            boolean queued = client.getScheduledExecution(TaskInstanceId.of(ON_DEMAND_TASK, Long.toString(accountId)))
                    .isPresent();
            if (queued || engine.isRunning(accountId)) return new Request.AlreadyRunning();
            Optional<Instant> last = runs.lastStarted(accountId, RunTrigger.API);
            if (last.isPresent()) {
                Duration since = Duration.between(last.get(), clock.instant());
                if (since.compareTo(minInterval) < 0) return new Request.TooSoon(minInterval.minus(since));
            }
            long runId = runs.queue(accountId, RunTrigger.API); // committed at once: the worker may claim it now
            if (!client.scheduleIfNotExists(onDemandTask.instance(Long.toString(accountId), runId), clock.instant())) {
                runs.forget(runId); // no phantom run is left behind
                return new Request.AlreadyRunning();
            }
            if (scheduler != null) scheduler.triggerCheckForDueExecutions();
            return new Request.Queued(runId);
        });
    }

    /** Whether an on-demand task will (re)run this run: it is queued, or its node died and it will be revived. */
    private boolean willBeRevived(long runId) {
        return client.getScheduledExecutionsForTask(ON_DEMAND_TASK, Long.class).stream()
                .anyMatch(e -> e.getData() != null && e.getData() == runId);
    }

    /** Cleans up runs abandoned by dead nodes now (the scheduler also does so every few minutes). */
    public int cleanAbandonedRuns() {
        return abandoned.clean(this::willBeRevived);
    }

    public Optional<Instant> scheduledAt(long accountId) {
        return client.getScheduledExecution(TaskInstanceId.of(DAILY_TASK, Long.toString(accountId)))
                .map(e -> e.getExecutionTime());
    }

    public void start(String nodeName) {
        syncAll();
        cleanAbandonedRuns();
        scheduler = Scheduler.create(dataSource, dailyTask, onDemandTask)
                .startTasks(abandonedTask, checkTask)
                .threads(settings.threads())
                .heartbeatInterval(settings.heartbeat())
                .pollingInterval(settings.pollingInterval())
                .schedulerName(new SchedulerName.Fixed(nodeName))
                // no shutdown hook of its own: the app's close stops it, after ending this node's dumps, so their
                // executions are handed back within this wait rather than db-scheduler's default 30 minutes
                .shutdownMaxWait(SHUTDOWN_WAIT)
                // the engine logs each failed dump in one line saying which step and table failed
                .failureLogging(LogLevel.WARN, false)
                .build();
        scheduler.start();
        log.info("scheduler started on {} with {} threads", nodeName, settings.threads());
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.stop();
    }
}
