package io.datadump.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.datadump.accounts.Accounts;
import io.datadump.dump.DumpResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an account's own system that a fresh dump is ready: a POST of a {@link DumpPublishedEvent} to the account's
 * registered URL, signed with HMAC-SHA256 under the account's webhook secret over "timestamp.body" (headers
 * X-Datadump-Timestamp and X-Datadump-Signature: sha256=&lt;hex&gt;; X-Datadump-Delivery names the event, the same on
 * every retry, so a receiver can drop duplicates).
 *
 * <p>Each event is a durable db-scheduler task, stored when the dump is published: it survives a restart, is
 * delivered by whichever node runs the scheduler, and a failed delivery is retried with exponential backoff a bounded
 * number of times. The tasks live in their own table and run on their own threads, so a slow or dead receiver holds
 * one thread for at most the request timeout and never delays dumps or other accounts' events.
 */
public final class Webhooks implements AutoCloseable {
    static final String TASK = "webhook-delivery";
    /** db-scheduler's table for webhook tasks only: the dump scheduler never sees (or waits for) them. */
    static final String TABLE = "webhook_deliveries";

    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final DataSource dataSource;
    private final Accounts accounts;
    private final ObjectMapper json;
    private final WebhookSettings settings;
    private final Clock clock;
    /** Made at the first delivery: building it sets up TLS, 0.15-0.3 s of a CLI dump's start otherwise. */
    private HttpClient http;

    private final OneTimeTask<String> task;
    private final SchedulerClient client;
    private final SecureRandom random = new SecureRandom();
    private Scheduler scheduler;

    private synchronized HttpClient http() {
        if (http == null)
            http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        return http;
    }

    public Webhooks(
            DataSource dataSource, Accounts accounts, ObjectMapper json, WebhookSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        // Task data is the event's JSON; the instance id is account and dump, so an event is stored once.
        this.task = Tasks.oneTime(TASK, String.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(
                        settings.maxRetries(),
                        new FailureHandler.ExponentialBackoffFailureHandler<>(settings.retryBase(), 2.0),
                        (complete, ops) -> {
                            log.warn(
                                    "webhook delivery {} given up after {} retries",
                                    complete.getExecution().taskInstance.getId(),
                                    settings.maxRetries());
                            ops.remove();
                        }))
                .execute((instance, context) -> deliver(instance));
        this.client = SchedulerClient.Builder.create(dataSource, task)
                .tableName(TABLE)
                .build();
    }

    /** Registers (or with null, removes) the account's webhook; returns the new signing secret, shown once. */
    public String register(long accountId, String url) {
        if (url == null) {
            accounts.setWebhook(accountId, Optional.empty());
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a webhook URL must be an absolute http(s) URL, not '" + url + "'");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("a webhook URL must be an absolute http(s) URL, not '" + url + "'");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = "whsec_" + HexFormat.of().formatHex(bytes);
        accounts.setWebhook(accountId, Optional.of(new Accounts.Webhook(url, secret)));
        return secret;
    }

    /** Called when a dump is published: stores the event for delivery (if the account has a webhook) and returns. */
    public void dumpPublished(DumpResult result) {
        DumpPublishedEvent event = DumpPublishedEvent.of(result.manifest());
        send(event.accountId(), event.accountId() + "-" + event.dumpId(), event);
    }

    /**
     * Stores an event (a record with {@code event} and {@code account_id} properties) for delivery to the account's
     * webhook, if it has one; {@code id} names it (X-Datadump-Delivery), and an event with an id stored already is
     * not stored again.
     */
    public void send(long accountId, String id, Object event) {
        if (accounts.webhook(accountId).isEmpty()) return;
        try {
            client.scheduleIfNotExists(task.instance(id, json.writeValueAsString(event)), clock.instant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (scheduler != null) scheduler.triggerCheckForDueExecutions();
    }

    /** Starts delivering stored events on this node (any number of nodes may). */
    public void start(String nodeName) {
        scheduler = Scheduler.create(dataSource, task)
                .tableName(TABLE)
                .threads(settings.threads())
                .pollingInterval(Duration.ofSeconds(5))
                // A delivery cut off by a stopping or dying node stays picked until its heartbeats are missed; short
                // beats bring it back within a minute instead of db-scheduler's default of twenty.
                .heartbeatInterval(Duration.ofSeconds(10))
                .shutdownMaxWait(Duration.ofSeconds(5))
                .schedulerName(new SchedulerName.Fixed(nodeName))
                .failureLogging(LogLevel.WARN, false) // a failed delivery is one line, not a stack trace
                .build(); // stopped by the app's close, in order (no shutdown hook of its own)
        scheduler.start();
    }

    /** One delivery attempt; throwing hands the event to the failure handler, which retries it later. */
    private void deliver(TaskInstance<String> instance) {
        try {
            attempt(instance);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering a webhook", e);
        }
    }

    private void attempt(TaskInstance<String> instance) throws IOException, InterruptedException {
        JsonNode event = json.readTree(instance.getData());
        long accountId = event.path("account_id").asLong();
        Optional<Accounts.Webhook> webhook = accounts.webhook(accountId);
        if (webhook.isEmpty()) return; // removed since: nobody to tell
        byte[] body = instance.getData().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.get().url()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("X-Datadump-Event", event.path("event").asText())
                .header("X-Datadump-Delivery", instance.getId())
                .header("X-Datadump-Timestamp", timestamp)
                .header("X-Datadump-Signature", "sha256=" + sign(webhook.get().secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status =
                http().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IOException("webhook of account " + accountId + " answered " + status);
        }
    }

    /** HMAC-SHA256 over "timestamp.body", hex; receivers recompute it to check the event is genuine. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (scheduler != null) scheduler.stop();
    }
}
