package io.datadump.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import io.datadump.support.TestDatabases;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhooksTest {
    record Delivery(String path, Map<String, String> headers, byte[] body) {}

    final BlockingQueue<Delivery> received = new ArrayBlockingQueue<>(100);
    final CountDownLatch releaseHanging = new CountDownLatch(1);
    HttpServer receiver;
    String receiverBase;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/hang")) {
                try {
                    releaseHanging.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            var h = exchange.getRequestHeaders();
            received.add(new Delivery(
                    path,
                    Map.of(
                            "timestamp", h.getFirst("X-Datadump-Timestamp"),
                            "signature", h.getFirst("X-Datadump-Signature"),
                            "event", h.getFirst("X-Datadump-Event"),
                            "delivery", h.getFirst("X-Datadump-Delivery")),
                    body));
            exchange.sendResponseHeaders(path.startsWith("/fail") ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        receiverBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterEach
    void stopReceiver() {
        releaseHanging.countDown();
        receiver.stop(0);
    }

    @Test
    void aPublishedDumpIsAnnouncedWithAValidSignature() throws Exception {
        try (App app = TestDatabases.freshApp()) {
            app.startScheduler();
            long account = app.accounts().create("Hook GmbH", true).id();
            long silent = app.accounts().create("Silent GmbH", true).id();
            assertThatThrownBy(() -> app.webhooks().register(account, "ftp://example.com/x"))
                    .isInstanceOf(IllegalArgumentException.class);
            String secret = app.webhooks().register(account, receiverBase + "/hook");

            app.engine().dump(silent, RunTrigger.CLI, DumpEvents.NONE);
            DumpResult result = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            Delivery d = received.poll(20, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            assertThat(d.headers().get("event")).isEqualTo("dump.published");
            assertThat(d.headers().get("delivery"))
                    .isEqualTo(account + "-" + result.run().id());
            assertThat(d.headers().get("signature"))
                    .isEqualTo("sha256=" + Webhooks.sign(secret, d.headers().get("timestamp"), d.body()));
            assertThat(d.headers().get("signature"))
                    .isNotEqualTo(
                            "sha256=" + Webhooks.sign("whsec_wrong", d.headers().get("timestamp"), d.body()));
            JsonNode event = new ObjectMapper().readTree(d.body());
            assertThat(event.get("account_id").asLong()).isEqualTo(account);
            assertThat(event.get("dump_id").asLong()).isEqualTo(result.run().id());
            assertThat(received.poll(1, TimeUnit.SECONDS))
                    .as("no event for the account without a webhook")
                    .isNull();
        }
    }

    @Test
    void anEventStoredBeforeARestartIsDeliveredAfterIt() throws Exception {
        Path home = Files.createTempDirectory("datadump-webhook");
        Map<String, String> env = new HashMap<>(TestDatabases.env(home, TestDatabases.createDatabase()));
        long account;
        long dumpId;
        try (App first = App.open(Config.fromMap(env))) { // a node that publishes and stops before delivering
            account = first.accounts().create("Restart GmbH", true).id();
            first.webhooks().register(account, receiverBase + "/restart");
            dumpId = first.engine()
                    .dump(account, RunTrigger.CLI, DumpEvents.NONE)
                    .run()
                    .id();
        }
        assertThat(received.poll(1, TimeUnit.SECONDS))
                .as("nothing delivered without a scheduler")
                .isNull();
        try (App second = App.open(Config.fromMap(env))) {
            second.startScheduler();
            Delivery d = received.poll(30, TimeUnit.SECONDS);
            assertThat(d).as("delivered by the restarted node").isNotNull();
            assertThat(d.headers().get("delivery")).isEqualTo(account + "-" + dumpId);
        }
    }

    @Test
    void aHangingReceiverDoesNotDelayAnotherAccountsEvent() throws Exception {
        Map<String, String> settings =
                Map.of("DATADUMP_WEBHOOK_THREADS", "2", "DATADUMP_WEBHOOK_TIMEOUT_SECONDS", "60");
        try (App app = TestDatabases.freshApp(settings)) {
            app.startScheduler();
            long slow = app.accounts().create("Slow GmbH", true).id();
            long fast = app.accounts().create("Fast GmbH", true).id();
            app.webhooks().register(slow, receiverBase + "/hang");
            app.webhooks().register(fast, receiverBase + "/fast");
            app.engine().dump(slow, RunTrigger.CLI, DumpEvents.NONE);
            Thread.sleep(500); // the slow receiver now holds its delivery
            long published = System.nanoTime();
            app.engine().dump(fast, RunTrigger.CLI, DumpEvents.NONE);
            Delivery d = received.poll(10, TimeUnit.SECONDS);
            assertThat(d)
                    .as("the fast account's event arrives while the slow receiver hangs")
                    .isNotNull();
            assertThat(d.path()).isEqualTo("/fast");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - published))
                    .isLessThan(10);
            releaseHanging.countDown();
            assertThat(received.poll(10, TimeUnit.SECONDS).path()).isEqualTo("/hang");
        }
    }

    @Test
    void aFailedDeliveryIsRetried() throws Exception {
        Map<String, String> settings = Map.of("DATADUMP_WEBHOOK_RETRY_BASE_SECONDS", "1");
        try (App app = TestDatabases.freshApp(settings)) {
            app.startScheduler();
            long account = app.accounts().create("Flaky GmbH", true).id();
            app.webhooks().register(account, receiverBase + "/fail");
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            Delivery first = received.poll(10, TimeUnit.SECONDS);
            Delivery second = received.poll(20, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).as("retried after the 500").isNotNull();
            assertThat(second.headers().get("delivery"))
                    .isEqualTo(first.headers().get("delivery"));
        }
    }
}
