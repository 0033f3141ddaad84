package io.datadump.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import io.datadump.formats.Format;
import io.datadump.support.S3ProxyServer;
import io.datadump.support.SftpTestServer;
import io.datadump.support.TcpProxy;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/** Deliveries into real S3 (s3proxy) and SFTP (Apache MINA SSHD) servers, over days, faults and refusals. */
class DeliveryTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final String secretsKey = randomKey();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCapture() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    Map<String, String> settings() {
        return Map.of(
                "DATADUMP_SECRETS_KEY", secretsKey,
                "DATADUMP_DELIVERY_PRIVATE_NETWORKS", "true", // the test servers are on loopback
                "DATADUMP_DELIVERY_RETRY_BASE_SECONDS", "1",
                "DATADUMP_DELIVERY_RETRIES", "4",
                "DATADUMP_DELIVERY_HEARTBEAT_SECONDS", "1",
                "DATADUMP_DELIVERY_TIMEOUT_SECONDS", "5");
    }

    @Test
    void aBucketReceivesEveryDayCompleteWithItsManifestAndSuccessMarker() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start("tenant-bucket");
                App app = TestDatabases.freshApp(settings())) {
            app.startScheduler();
            long account = account(app, "Bucket GmbH");
            Destination d = app.destinations()
                    .add(
                            account,
                            new Destinations.NewDestination(
                                    "bi-bucket",
                                    new Destination.S3(
                                            Optional.of(s3.endpoint()),
                                            "us-east-1",
                                            "tenant-bucket",
                                            "crm/exports",
                                            true,
                                            S3ProxyServer.ACCESS_KEY),
                                    S3ProxyServer.SECRET_KEY,
                                    List.of(Format.JSON, Format.CSV, Format.PARQUET),
                                    true,
                                    List.of(),
                                    Optional.of(30)));
            assertThat(app.deliveries().test(d)).startsWith("wrote and deleted .datadump-test-");
            try (S3Client client = s3.client()) { // older than the 30 days kept: pruned after the first delivery
                for (String stale : List.of("contacts/2020-01-01/contacts.json.gz", "_runs/2020-01-01-9/_SUCCESS")) {
                    client.putObject(
                            r -> r.bucket("tenant-bucket").key("crm/exports/" + stale),
                            software.amazon.awssdk.core.sync.RequestBody.fromString("old"));
                }
            }

            List<Long> dumps = new ArrayList<>();
            for (int day = 0; day < 2; day++) {
                DumpResult result = dump(app, account);
                dumps.add(result.run().id());
                Destinations.Delivery delivery =
                        awaitDelivery(app, account, d, result.run().id());
                assertThat(delivery.status()).as(delivery.error().orElse("")).isEqualTo("delivered");
                try (S3Client client = s3.client()) {
                    Map<String, byte[]> tree = new HashMap<>();
                    client.listObjectsV2Paginator(r -> r.bucket("tenant-bucket").prefix("crm/exports/"))
                            .contents()
                            .forEach(o -> tree.put(
                                    o.key().substring("crm/exports/".length()),
                                    client.getObjectAsBytes(r ->
                                                    r.bucket("tenant-bucket").key(o.key()))
                                            .asByteArray()));
                    String run = tree.keySet().stream()
                            .filter(k -> k.startsWith("_runs/")
                                    && k.endsWith("-" + result.run().id() + "/_SUCCESS"))
                            .findFirst()
                            .orElseThrow()
                            .replace("/_SUCCESS", "");
                    JsonNode manifest = JSON.readTree(tree.get(run + "/manifest.json"));
                    assertThat(manifest.get("dump_id").asLong())
                            .isEqualTo(result.run().id());
                    int tables = result.manifest().tables().size();
                    assertThat(manifest.get("files")).hasSize(tables * 3);
                    for (JsonNode f : manifest.get("files")) {
                        byte[] bytes = tree.get(f.get("path").asText());
                        assertThat(bytes).as(f.get("path").asText()).isNotNull();
                        assertThat(sha256(bytes)).isEqualTo(f.get("sha256").asText());
                        assertThat(f.get("path").asText())
                                .matches("[a-z_]+/\\d{4}-\\d\\d-\\d\\d/[a-z_]+\\." + "(json\\.gz|csv\\.gz|parquet)");
                    }
                    assertThat(tree).doesNotContainKey(".datadump-test-"); // the test's probe is gone
                    assertThat(tree.keySet()).noneMatch(k -> k.contains(".datadump-test-"));
                    assertThat(tree.keySet()).noneMatch(k -> k.contains("2020-01-01"));
                }
                app.runs().redate(result.run().id(), result.run().snapshotAt().minus(Duration.ofDays(2 - day)));
            }
            assertThat(app.destinations().history(account, d.id(), 10))
                    .extracting(Destinations.Delivery::status)
                    .containsOnly("delivered");
            assertThat(app.metrics().scrape())
                    .contains("datadump_deliveries_total{kind=\"s3\",outcome=\"delivered\"} 2");
            assertNoSecretLeaked(app, account, S3ProxyServer.SECRET_KEY);
        }
    }

    @Test
    void sftpWithPasswordAndKeyAfterADroppedConnectionAndRefusals() throws Exception {
        try (SftpTestServer sftp = SftpTestServer.start();
                App app = TestDatabases.freshApp(settings())) {
            app.startScheduler();
            long account = account(app, "Nas GmbH");
            Destination byPassword = app.destinations()
                    .add(
                            account,
                            sftp(sftp, "nas", "exports/datadump", sftp.fingerprint(), false, SftpTestServer.PASSWORD));
            Destination byKey = app.destinations()
                    .add(account, sftp(sftp, "nas-key", "keyed", sftp.fingerprint(), true, sftp.clientPrivateKey()));
            String wrongKey = "SHA256:" + "A".repeat(43);
            Destination impostor = app.destinations()
                    .add(account, sftp(sftp, "impostor", "x", wrongKey, false, SftpTestServer.PASSWORD));
            Destination badPassword = app.destinations()
                    .add(account, sftp(sftp, "bad-password", "y", sftp.fingerprint(), false, "not-the-password"));

            assertThatThrownBy(() -> app.deliveries().test(impostor))
                    .hasMessageContaining("presented its ecdsa-sha2-nistp521 host key " + sftp.fingerprint())
                    .hasMessageContaining("not the pinned " + wrongKey);
            assertThatThrownBy(() -> app.deliveries().test(badPassword))
                    .hasMessageContaining("refused user " + SftpTestServer.USER + " with this password");

            sftp.dropNextUploadAfter(1000); // the first big file loses its connection mid-way
            DumpResult result = dump(app, account);
            long run = result.run().id();
            Destinations.Delivery password = awaitDelivery(app, account, byPassword, run);
            Destinations.Delivery key = awaitDelivery(app, account, byKey, run);
            assertThat(password.status()).as(password.error().orElse("")).isEqualTo("delivered");
            assertThat(key.status()).as(key.error().orElse("")).isEqualTo("delivered");
            assertThat(sftp.drops()).isEqualTo(1);
            assertThat(password.attempts() + key.attempts())
                    .as("one of them was retried")
                    .isEqualTo(3);

            for (String dir : List.of("exports/datadump", "keyed")) {
                Path root = sftp.root().resolve(dir);
                try (Stream<Path> files = Files.walk(root)) {
                    assertThat(files.filter(Files::isRegularFile)
                                    .map(p -> p.getFileName().toString()))
                            .as("no temporary file left under %s", dir)
                            .noneMatch(n -> n.endsWith(".part"));
                }
                Path runDir;
                try (Stream<Path> runs = Files.list(root.resolve("_runs"))) {
                    runDir = runs.findFirst().orElseThrow();
                }
                JsonNode manifest =
                        JSON.readTree(runDir.resolve("manifest.json").toFile());
                for (JsonNode f : manifest.get("files")) {
                    assertThat(sha256(Files.readAllBytes(
                                    root.resolve(f.get("path").asText()))))
                            .isEqualTo(f.get("sha256").asText());
                }
                List<String> renamed = sftp.renamedTo().stream()
                        .filter(r -> r.startsWith(dir + "/"))
                        .toList();
                assertThat(renamed.get(renamed.size() - 1))
                        .as("_SUCCESS is written last")
                        .endsWith("/_SUCCESS");
                assertThat(renamed.get(renamed.size() - 2)).endsWith("/manifest.json");
            }

            // the refused ones failed once each, recorded, with no retry storm
            int sessionsBefore = sftp.sessions();
            Destinations.Delivery refused = awaitDelivery(app, account, impostor, run);
            assertThat(refused.status()).isEqualTo("failed");
            assertThat(refused.attempts()).isEqualTo(1);
            assertThat(refused.error().orElseThrow()).contains("presented its ecdsa-sha2-nistp521 host key");
            assertThat(awaitDelivery(app, account, badPassword, run).error().orElseThrow())
                    .contains("refused user");
            Thread.sleep(3000);
            assertThat(sftp.sessions() - sessionsBefore)
                    .as("no retries of refused deliveries")
                    .isLessThanOrEqualTo(2);
            assertNoSecretLeaked(app, account, SftpTestServer.PASSWORD);
            assertNoSecretLeaked(
                    app,
                    account,
                    sftp.clientPrivateKey().lines().skip(1).findFirst().orElseThrow());
        }
    }

    @Test
    void aDestinationDownForAWhileIsDeliveredWhenItIsBack() throws Exception {
        try (SftpTestServer sftp = SftpTestServer.start();
                TcpProxy proxy = new TcpProxy(sftp.port());
                App app = TestDatabases.freshApp(settings())) {
            app.startScheduler();
            long account = account(app, "Flaky GmbH");
            Destination d = app.destinations()
                    .add(
                            account,
                            new Destinations.NewDestination(
                                    "flaky",
                                    new Destination.Sftp(
                                            "127.0.0.1",
                                            proxy.port(),
                                            SftpTestServer.USER,
                                            sftp.fingerprint(),
                                            "",
                                            Destination.SftpAuth.PASSWORD),
                                    SftpTestServer.PASSWORD,
                                    List.of(Format.NDJSON),
                                    false,
                                    List.of("contacts"),
                                    Optional.of(30)));
            var events = new java.util.concurrent.LinkedBlockingQueue<JsonNode>();
            var receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            receiver.createContext("/hook", exchange -> {
                events.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            receiver.start();
            app.webhooks()
                    .register(
                            account, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            // what keep-days prunes (day and run folders of this layout, older than 30 days) and what it leaves alone
            for (String stale : List.of("contacts/2020-01-01/contacts.ndjson", "_runs/2020-01-01-1/_SUCCESS")) {
                Files.createDirectories(sftp.root().resolve(stale).getParent());
                Files.writeString(sftp.root().resolve(stale), "old");
            }
            for (String own : List.of("contacts/by-hand/notes.txt", "archive/2020-01-01/x.csv", "deals/2020-01-01/a")) {
                Files.createDirectories(sftp.root().resolve(own).getParent());
                Files.writeString(sftp.root().resolve(own), "the tenant's own");
            }
            proxy.mode(TcpProxy.Mode.REFUSE);
            long run = dump(app, account).run().id();
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (app.destinations()
                    .last(account, d.id())
                    .flatMap(Destinations.Delivery::error)
                    .isEmpty()) {
                assertThat(System.nanoTime()).isLessThan(end);
                Thread.sleep(100);
            }
            assertThat(app.destinations().last(account, d.id()).orElseThrow().status())
                    .isIn("queued", "delivering");
            proxy.mode(TcpProxy.Mode.FORWARD);
            Destinations.Delivery delivery = awaitDelivery(app, account, d, run);
            assertThat(delivery.status()).as(delivery.error().orElse("")).isEqualTo("delivered");
            assertThat(delivery.attempts()).isGreaterThan(1);
            try (Stream<Path> files = Files.walk(sftp.root())) {
                assertThat(files.filter(Files::isRegularFile)
                                .map(p -> sftp.root().relativize(p).toString()))
                        .anyMatch(p -> p.matches("contacts/\\d{4}-\\d\\d-\\d\\d/contacts\\.ndjson"))
                        .noneMatch(p -> p.startsWith("deals/") && !p.equals("deals/2020-01-01/a"))
                        .contains("contacts/by-hand/notes.txt", "archive/2020-01-01/x.csv", "deals/2020-01-01/a")
                        .noneMatch(p -> p.startsWith("contacts/2020-01-01") || p.startsWith("_runs/2020-01-01-1"));
            }
            // the account's webhook hears of the publication, then of the delivery
            List<String> heard = new ArrayList<>();
            JsonNode delivered = null;
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (delivered == null && System.nanoTime() < until) {
                JsonNode e = events.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (e == null) continue;
                heard.add(e.get("event").asText());
                if (e.get("event").asText().equals("datadump.delivered")) delivered = e;
            }
            receiver.stop(0);
            assertThat(heard).contains("dump.published", "datadump.delivered");
            assertThat(delivered.get("destination").asText()).isEqualTo("flaky");
            assertThat(delivered.get("dump_id").asLong()).isEqualTo(run);
            assertThat(delivered.get("manifest_path").asText())
                    .matches("_runs/\\d{4}-\\d\\d-\\d\\d-" + run + "/manifest.json");
        }
    }

    /**
     * A node killed with kill -9 in the middle of a file: another node takes the delivery over once the dead node's
     * heartbeats stop, completes it, and leaves no temporary file behind.
     */
    @Test
    void aDeliveryCutOffByADyingNodeIsCompletedByAnother() throws Exception {
        Path home = Files.createTempDirectory("datadump-delivery-kill");
        Map<String, String> env = new HashMap<>(TestDatabases.env(home, TestDatabases.createDatabase()));
        env.putAll(settings());
        try (SftpTestServer sftp = SftpTestServer.start();
                App app = App.open(io.datadump.config.Config.fromMap(env))) {
            long account = account(app, "Kill GmbH");
            Destination d = app.destinations()
                    .add(account, sftp(sftp, "nas", "exports", sftp.fingerprint(), false, SftpTestServer.PASSWORD));
            long run = dump(app, account).run().id();
            sftp.holdWrites();
            Path log = home.resolve("node.log");
            ProcessBuilder pb = io.datadump.support.Datadump.command(
                            "destinations", "deliver", "--account", Long.toString(account), "--name", "nas")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process node = pb.start();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!partFileIn(sftp.root())) {
                assertThat(System.nanoTime()).as(Files.readString(log)).isLessThan(end);
                Thread.sleep(100);
            }
            assertThat(app.destinations().last(account, d.id()).orElseThrow().status())
                    .isEqualTo("delivering");
            node.destroyForcibly().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            sftp.releaseWrites();

            app.startScheduler(); // the other node
            Destinations.Delivery delivery = awaitDelivery(app, account, d, run);
            assertThat(delivery.status()).as(delivery.error().orElse("")).isEqualTo("delivered");
            assertThat(delivery.attempts()).isEqualTo(2);
            assertThat(partFileIn(sftp.root())).as("no temporary file left").isFalse();
            assertThat(sftp.renamedTo()).last().asString().endsWith("/_SUCCESS");
        } finally {
            TestDatabases.deleteDirectory(home);
        }
    }

    static boolean partFileIn(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }

    @Test
    void rulesSecretsAndAccountsAreKeptApart() throws Exception {
        try (App app = TestDatabases.freshApp(settings())) {
            long account = account(app, "Own GmbH");
            long other = app.accounts().create("Other GmbH", true).id();
            Destination d =
                    app.destinations().add(account, sftp(null, "nas", "", "SHA256:" + "B".repeat(43), false, "pw"));
            assertThat(app.destinations().find(other, "nas")).isEmpty();
            assertThat(app.destinations().get(other, d.id())).isEmpty();
            assertThat(app.destinations().remove(other, "nas")).isFalse();
            assertThat(app.destinations().list(other)).isEmpty();
            // a sealed secret moved onto another account's row does not open there
            long theirs = app.destinations()
                    .add(other, sftp(null, "nas", "", "SHA256:" + "B".repeat(43), false, "theirs"))
                    .id();
            app.jdbc()
                    .update(
                            "UPDATE destinations SET secret = (SELECT secret FROM destinations WHERE id = ?) WHERE id = ?",
                            d.id(),
                            theirs);
            Destination moved = app.destinations().get(other, theirs).orElseThrow();
            assertThatThrownBy(() -> app.destinations().secretOf(moved)).hasMessageContaining("cannot be opened");
            assertThat(app.destinations().secretOf(d)).isEqualTo("pw");
            byte[] stored = app.jdbc()
                    .queryFirst("SELECT secret FROM destinations WHERE id = ?", rs -> rs.getBytes(1), d.id())
                    .orElseThrow();
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain("pw");

            assertThatThrownBy(() -> app.destinations()
                            .add(account, sftp(null, "Bad Name", "", "SHA256:" + "B".repeat(43), false, "pw")))
                    .hasMessageContaining("lower-case letters");
            assertThatThrownBy(() -> app.destinations().add(account, sftp(null, "x", "", "SHA256:short", false, "pw")))
                    .hasMessageContaining("fingerprint");
            assertThatThrownBy(() -> app.destinations()
                            .add(account, sftp(null, "y", "../etc", "SHA256:" + "B".repeat(43), false, "pw")))
                    .hasMessageContaining("relative path");
        }
        // without DATADUMP_SECRETS_KEY nothing is stored; a private address is refused unless allowed
        try (App app = TestDatabases.freshApp(Map.of())) {
            long account = account(app, "Keyless GmbH");
            assertThatThrownBy(() -> app.destinations()
                            .add(account, sftp(null, "nas", "", "SHA256:" + "B".repeat(43), false, "pw")))
                    .hasMessageContaining("DATADUMP_SECRETS_KEY");
        }
        try (App app = TestDatabases.freshApp(Map.of("DATADUMP_SECRETS_KEY", secretsKey))) {
            long account = account(app, "Lan GmbH");
            Destination lan =
                    app.destinations().add(account, sftp(null, "lan", "", "SHA256:" + "B".repeat(43), false, "pw"));
            assertThatThrownBy(() -> app.deliveries().test(lan))
                    .hasMessageContaining("is on a private network (127.0.0.1)")
                    .hasMessageContaining("DATADUMP_DELIVERY_PRIVATE_NETWORKS");
        }
    }

    // ---- helpers

    static Destinations.NewDestination sftp(
            SftpTestServer server, String name, String dir, String hostKey, boolean byKey, String secret) {
        return new Destinations.NewDestination(
                name,
                new Destination.Sftp(
                        "127.0.0.1",
                        server == null ? 22 : server.port(),
                        SftpTestServer.USER,
                        hostKey,
                        dir,
                        byKey ? Destination.SftpAuth.PRIVATE_KEY : Destination.SftpAuth.PASSWORD),
                secret,
                List.of(Format.JSON, Format.CSV_EXCEL),
                false,
                List.of(),
                Optional.empty());
    }

    static long account(App app, String name) {
        long id = app.accounts().create(name, true).id();
        app.generator().generate(id, GenerationPlan.tiny(), id, DemoDataGenerator.Progress.NONE);
        return id;
    }

    static DumpResult dump(App app, long account) {
        return app.engine().dump(account, RunTrigger.CLI, new DumpEvents() {});
    }

    static Destinations.Delivery awaitDelivery(App app, long account, Destination d, long run) throws Exception {
        Optional<Destinations.Delivery> delivery = app.deliveries().awaitOutcome(d, run, Duration.ofSeconds(90));
        assertThat(delivery).as("queued").isPresent();
        assertThat(delivery.get().ended())
                .as("ended in time: " + delivery.get())
                .isTrue();
        assertThat(app.destinations().history(account, d.id(), 50)).contains(delivery.get());
        return delivery.get();
    }

    void assertNoSecretLeaked(App app, long account, String secret) throws Exception {
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : logs.list) {
            lines.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) lines.add(e.getThrowableProxy().getMessage());
        }
        assertThat(lines).noneMatch(l -> l != null && l.contains(secret));
        assertThat(app.metrics().scrape()).doesNotContain(secret);
        for (Destination d : app.destinations().list(account)) {
            assertThat(d.toString()).doesNotContain(secret);
            assertThat(app.destinations().history(account, d.id(), 50).toString())
                    .doesNotContain(secret);
        }
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
