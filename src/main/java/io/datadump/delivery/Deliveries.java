package io.datadump.delivery;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.datadump.accounts.Accounts;
import io.datadump.dump.DumpResult;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.metrics.Metrics;
import io.datadump.webhook.Webhooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every published dump into each of its account's destinations. Each (destination, dump) is one durable
 * db-scheduler task in its own table, stored when the dump is published: any node delivers it, a node that dies
 * mid-delivery has it picked up by another once its heartbeats stop, and a failure that trying again can help is
 * retried with exponential backoff a bounded number of times (DATADUMP_DELIVERY_RETRIES), one that cannot (refused
 * credentials, a wrong host key) is recorded at once. Deliveries run on their own threads: a slow or dead destination
 * never delays a dump or another destination.
 */
public final class Deliveries implements AutoCloseable {
    static final String TASK = "delivery";
    static final String TABLE = "delivery_tasks";
    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final DataSource dataSource;
    private final Destinations destinations;
    private final DumpRuns runs;
    private final Accounts accounts;
    private final Deliverer deliverer;
    private final Webhooks webhooks;
    private final Metrics metrics;
    private final DeliverySettings settings;
    private final NetworkPolicy network;
    private final Clock clock;
    private final OneTimeTask<String> task;
    private final SchedulerClient client;
    private Scheduler scheduler;

    public Deliveries(
            DataSource dataSource,
            Destinations destinations,
            DumpRuns runs,
            Accounts accounts,
            Deliverer deliverer,
            Webhooks webhooks,
            Metrics metrics,
            DeliverySettings settings,
            Clock clock) {
        this.dataSource = dataSource;
        this.destinations = destinations;
        this.runs = runs;
        this.accounts = accounts;
        this.deliverer = deliverer;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.settings = settings;
        this.network = new NetworkPolicy(settings.privateNetworks());
        this.clock = clock;
        // a retry is scheduled by the backoff; whether there is one is decided in execute(), which records it
        this.task = Tasks.oneTime(TASK, String.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(settings.retryBase(), 2.0))
                .execute(this::execute);
        this.client = SchedulerClient.Builder.create(dataSource, task)
                .tableName(TABLE)
                .build();
    }

    /** Queues the dump for every destination of its account (none: nothing to do). */
    public void dumpPublished(DumpResult result) {
        for (Destination d : destinations.list(result.run().accountId()))
            queue(d, result.run().id());
    }

    /** Queues a dump's delivery to one destination (again, if it was delivered or failed before). */
    public void queue(Destination destination, long runId) {
        destinations.queued(destination.id(), runId);
        client.scheduleIfNotExists(
                task.instance(destination.id() + "-" + runId, destination.id() + "-" + runId), clock.instant());
        if (scheduler != null) scheduler.triggerCheckForDueExecutions();
    }

    /**
     * Waits until the delivery of {@code runId} to {@code destination} has ended (delivered, skipped or failed) or
     * {@code timeout} passed; returns the delivery as it then stands (empty if it was never queued).
     */
    public Optional<Destinations.Delivery> awaitOutcome(Destination destination, long runId, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Destinations.Delivery> delivery = destinations.find(destination.id(), runId);
            if (delivery.map(Destinations.Delivery::ended).orElse(false) || System.nanoTime() > end) return delivery;
            Thread.sleep(20);
        }
    }

    /**
     * Writes and deletes a small file in the destination and says what happened in one sentence; the SFTP server's
     * presented host key is part of a refusal, so a tenant can compare it with the one they know.
     */
    public String test(Destination destination) {
        long t0 = System.nanoTime();
        String path = ".datadump-test-" + UUID.randomUUID();
        try (DeliveryTarget target = open(destination, "test")) {
            Deliverer.writeSmall(
                    target, path, "text/plain", "datadump connection test\n".getBytes(StandardCharsets.UTF_8));
            target.delete(path);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the test of " + destination.name() + " ("
                    + destination.target().describe() + ") failed: " + DeliveryFailures.describe(e));
        }
        return "wrote and deleted " + path + " in " + destination.target().describe() + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms";
    }

    DeliveryTarget open(Destination destination, String tempTag) throws IOException {
        network.check(destination.target().host());
        String secret = destinations.secretOf(destination);
        if (destination.target() instanceof Destination.S3 s3) return new S3Target(s3, secret);
        return SftpTarget.connect((Destination.Sftp) destination.target(), secret, settings.timeout(), tempTag);
    }

    private void execute(TaskInstance<String> instance, ExecutionContext context) {
        String[] ids = instance.getData().split("-");
        long destinationId = Long.parseLong(ids[0]);
        long runId = Long.parseLong(ids[1]);
        Optional<Destination> found = destinations.byId(destinationId);
        if (found.isEmpty()) return; // removed since: its deliveries went with it
        Destination destination = found.get();
        Optional<DumpRun> run = runs.find(runId).filter(DumpRun::isPublished);
        if (run.isEmpty()) {
            destinations.failed(
                    destinationId, runId, "dump " + runId + " is no longer kept, so it was not delivered", true);
            metrics.delivery(destination.target().kind(), "failed", 0, Optional.empty());
            return;
        }
        ZoneId zone = accounts.get(destination.accountId()).timeZone();
        Optional<DumpRun> newer = sameDayNewer(run.get(), zone);
        if (newer.isPresent()) {
            destinations.skipped(
                    destinationId, runId, "superseded by dump " + newer.get().id() + " of the same day");
            return;
        }
        destinations.attempting(destinationId, runId);
        int failures = context.getExecution().consecutiveFailures;
        try (DeliveryTarget target = open(destination, "d" + runId)) {
            Deliverer.Result result = deliverer.deliver(destination, run.get(), zone, target);
            destinations.delivered(destinationId, runId, result.files(), result.bytes());
            Duration lag =
                    Duration.between(run.get().finishedAt().orElse(run.get().startedAt()), clock.instant());
            metrics.delivery(destination.target().kind(), "delivered", result.bytes(), Optional.of(lag));
            log.info(
                    "dump {} delivered to destination {} of account {}: {} files, {} bytes",
                    runId,
                    destination.name(),
                    destination.accountId(),
                    result.files(),
                    result.bytes());
            LocalDate date = LocalDate.ofInstant(run.get().snapshotAt(), zone);
            webhooks.send(
                    destination.accountId(),
                    "delivered-" + destinationId + "-" + runId,
                    new DeliveredEvent(
                            DeliveredEvent.TYPE,
                            destination.accountId(),
                            runId,
                            destination.name(),
                            destination.target().describe(),
                            result.files(),
                            result.bytes(),
                            DeliveryLayout.runDirectory(date, runId) + "/" + DeliveryLayout.MANIFEST));
        } catch (IOException | RuntimeException e) {
            boolean last = DeliveryFailures.permanent(e) || failures >= settings.maxRetries();
            String error = DeliveryFailures.describe(e);
            destinations.failed(destinationId, runId, error, last);
            metrics.delivery(destination.target().kind(), last ? "failed" : "retried", 0, Optional.empty());
            if (last) {
                log.warn(
                        "delivery of dump {} to destination {} of account {} failed{}: {}",
                        runId,
                        destination.name(),
                        destination.accountId(),
                        failures > 0 ? " after " + failures + " retries" : "",
                        error);
                return; // recorded; the task ends
            }
            throw new IllegalStateException(error); // the backoff schedules the next attempt
        }
    }

    /** A newer published dump of the account from the same day: it will be (or was) delivered to the same folders. */
    private Optional<DumpRun> sameDayNewer(DumpRun run, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(run.snapshotAt(), zone);
        return runs.published(run.accountId()).stream()
                .filter(r -> r.isNewerThan(run))
                .filter(r -> LocalDate.ofInstant(r.snapshotAt(), zone).equals(day))
                .findFirst();
    }

    /** Starts delivering on this node (any number of nodes may). */
    public void start(String nodeName) {
        scheduler = Scheduler.create(dataSource, task)
                .tableName(TABLE)
                .threads(settings.threads())
                .pollingInterval(Duration.ofSeconds(5))
                // a delivery cut off by a dying node is picked up by another once its heartbeats are missed
                .heartbeatInterval(settings.heartbeat())
                .shutdownMaxWait(Duration.ofSeconds(5))
                .schedulerName(new SchedulerName.Fixed(nodeName))
                .failureLogging(LogLevel.DEBUG, false) // execute() logs the outcome in one line
                .build();
        scheduler.start();
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.stop();
        scheduler = null;
    }
}
