package io.datadump.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.TableFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Tells an account's own system that a fresh dump is ready: a POST of a small JSON event to the account's
 * registered URL, signed with HMAC-SHA256 under the account's webhook secret over "timestamp.body"
 * (headers X-Datadump-Timestamp and X-Datadump-Signature: sha256=&lt;hex&gt;). Delivered in the background
 * with a few retries; a failing receiver never affects the dump.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final int ATTEMPTS = 4;

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "datadump-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final Duration retryDelay;

    public Webhooks(DataSource dataSource, ObjectMapper json, Duration retryDelay) {
        this.dataSource = dataSource;
        this.json = json;
        this.retryDelay = retryDelay;
    }

    /** Registers (or with null, removes) the account's webhook; returns the new signing secret, shown once. */
    public String register(long accountId, String url) {
        if (url != null) {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("a webhook URL must be an absolute http(s) URL");
            }
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String secret = url == null ? null : "whsec_" + HexFormat.of().formatHex(bytes);
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "UPDATE accounts SET webhook_url = ?, webhook_secret = ? WHERE id = ?")) {
            ps.setString(1, url);
            ps.setString(2, secret);
            ps.setLong(3, accountId);
            if (ps.executeUpdate() == 0) throw new IllegalArgumentException("account " + accountId + " does not exist");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return secret;
    }

    /** Called when a dump is published; queues the delivery and returns at once. */
    public void dumpPublished(DumpEngine.Result result) {
        long accountId = result.manifest().accountId();
        String url, secret;
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT webhook_url, webhook_secret FROM accounts WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) return;
                url = rs.getString(1);
                secret = rs.getString(2);
            }
        } catch (SQLException e) {
            log.warn("could not read the webhook of account {}: {}", accountId, e.getMessage());
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "dump.published");
        event.put("account_id", accountId);
        event.put("dump_id", result.manifest().dumpId());
        event.put("snapshot_at", result.manifest().snapshotAt());
        event.put("finished_at", result.manifest().finishedAt());
        event.put("tables", result.manifest().tables().size());
        event.put("rows", result.manifest().tables().stream().mapToLong(TableFile::rows).sum());
        event.put("bytes", result.manifest().tables().stream().mapToLong(TableFile::bytes).sum());
        event.put("index_path", "/v1/datadump");
        executor.submit(() -> deliver(accountId, url, secret, event));
    }

    private void deliver(long accountId, String url, String secret, Map<String, Object> event) {
        try {
            byte[] body = json.writeValueAsBytes(event);
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                String timestamp = Long.toString(System.currentTimeMillis() / 1000);
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("X-Datadump-Event", "dump.published")
                        .header("X-Datadump-Timestamp", timestamp)
                        .header("X-Datadump-Signature", "sha256=" + sign(secret, timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                try {
                    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status / 100 == 2) return;
                    log.warn("webhook of account {} answered {} (attempt {} of {})", accountId, status, attempt, ATTEMPTS);
                } catch (java.io.IOException e) {
                    log.warn("webhook of account {} unreachable (attempt {} of {}): {}", accountId, attempt, ATTEMPTS, e.getMessage());
                }
                Thread.sleep(retryDelay.toMillis() << (attempt - 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("webhook of account {} failed: {}", accountId, e.getMessage());
        }
    }

    /** HMAC-SHA256 over "timestamp.body", hex; receivers recompute it to check the event is genuine. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
