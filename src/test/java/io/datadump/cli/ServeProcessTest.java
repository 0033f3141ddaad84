package io.datadump.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunStatus;
import io.datadump.dump.RunTrigger;
import io.datadump.schedule.DumpScheduler;
import io.datadump.support.Datadump;
import io.datadump.support.TestDatabases;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code serve} and {@code demo} as an operator runs them: a real process, stopped with SIGTERM. */
class ServeProcessTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aStopWithSigtermRecordsEveryDownloadServedBeforeIt() throws Exception {
        Path home = Files.createTempDirectory("serve-stop");
        Map<String, String> env = settings(home);
        int port = Integer.parseInt(env.get("DATADUMP_PORT"));
        long account;
        String key;
        try (App app = App.open(Config.fromMap(env))) {
            account = app.accounts().create("Stopp GmbH", true).id();
            app.generator().generate(account, GenerationPlan.tiny(), 5, DemoDataGenerator.Progress.NONE);
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            key = app.apiKeys().create(account, "t").secret();
        }
        Path log = home.resolve("serve.log");
        ProcessBuilder pb = Datadump.command("serve", "--no-scheduler", "--host", "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process serve = pb.start();
        try {
            Datadump.awaitLog(serve, log, "listening");
            for (String table : new String[] {"contacts", "notes", "deals"}) {
                JsonNode link = json.readTree(get(port, "/v1/datadump/" + table + "?redirect=false", key)
                        .body());
                assertThat(get(port, link.get("url").asText(), key).statusCode())
                        .isEqualTo(200);
            }
            serve.destroy(); // SIGTERM, at once: the downloads' entries are still queued
            assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            serve.destroyForcibly();
        }
        try (App app = App.open(Config.fromMap(env))) {
            long entries = app.jdbc()
                    .queryFirst(
                            "SELECT coalesce(sum(requests), 0) FROM download_audit WHERE account_id = ?",
                            rs -> rs.getLong(1),
                            account)
                    .orElseThrow();
            assertThat(entries).as("3 links and 3 files in the access log").isEqualTo(6);
        }
    }

    /**
     * The whole orderly stop: a {@code serve} that adopted an orphaned embedded server, with downloads in its access log
     * queue and a dump under way (held on a table lock), gets SIGTERM. It ends the dump at once and hands it back to the
     * schedule, records every download, stops the scheduler and then the server it adopted, and exits.
     */
    @Test
    void aSigtermEndsTheRunningDumpRecordsTheDownloadsAndStopsTheAdoptedServer() throws Exception {
        Path home = Files.createTempDirectory("serve-sigterm");
        int apiPort = freePort();
        // a first serve starts the embedded server and is killed -9: the server is left running, orphaned
        Path orphanLog = home.resolve("orphan.log");
        ProcessBuilder first = Datadump.command("serve", "--no-scheduler", "--host", "127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(orphanLog.toFile());
        first.environment().put("DATADUMP_HOME", home.toString());
        first.environment().put("DATADUMP_PORT", "0");
        first.environment().remove("DATADUMP_DB_URL");
        Process orphaner = first.start();
        Datadump.awaitLog(orphaner, orphanLog, "listening");
        orphaner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int pgPort =
                Integer.parseInt(Files.readString(home.resolve("postgres.port")).strip());
        String pgUrl = "jdbc:postgresql://localhost:" + pgPort + "/postgres";

        Map<String, String> external = new HashMap<>(Map.of(
                "DATADUMP_HOME",
                home.resolve("setup").toString(),
                "DATADUMP_DB_URL",
                pgUrl,
                "DATADUMP_DB_USER",
                "postgres",
                "DATADUMP_STORAGE",
                "file:" + home.resolve("dumps")));
        long account;
        String key;
        long queuedRun = 0;
        try (App app = App.open(Config.fromMap(external))) {
            account = app.accounts().create("Stopp GmbH", true).id();
            app.generator().generate(account, GenerationPlan.tiny(), 5, DemoDataGenerator.Progress.NONE);
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            key = app.apiKeys().create(account, "t").secret();
        }
        try (Connection lock = DriverManager.getConnection(pgUrl, "postgres", null)) {
            Path log = home.resolve("serve.log");
            ProcessBuilder pb = Datadump.command("serve", "--host", "127.0.0.1")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("DATADUMP_HOME", home.toString());
            pb.environment().put("DATADUMP_PORT", Integer.toString(apiPort));
            pb.environment().put("DATADUMP_POLLING_MILLIS", "200");
            pb.environment().remove("DATADUMP_DB_URL");
            Process serve = pb.start();
            try {
                Datadump.awaitLog(serve, log, "listening");
                assertThat(Files.readString(log)).contains("shared with another datadump process");
                for (String table : new String[] {"notes", "deals", "properties"}) {
                    JsonNode link = json.readTree(get(apiPort, "/v1/datadump/" + table + "?redirect=false", key)
                            .body());
                    assertThat(get(apiPort, link.get("url").asText(), key).statusCode())
                            .isEqualTo(200);
                }
                lock.setAutoCommit(false); // the dump asked for now waits for this lock until it is cancelled
                lock.createStatement().execute("LOCK TABLE crm.contacts IN ACCESS EXCLUSIVE MODE");
                HttpResponse<String> queued = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/v1/datadump/runs"))
                                .header("X-API-KEY", key)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
                queuedRun = json.readTree(queued.body()).get("run_id").asLong();
                awaitStatus(pgUrl, queuedRun, "running");
                long t0 = System.nanoTime();
                serve.destroy(); // SIGTERM
                assertThat(serve.waitFor(40, TimeUnit.SECONDS))
                        .as(Files.readString(log))
                        .isTrue();
                assertThat((System.nanoTime() - t0) / 1e9)
                        .as("the dump was ended, not waited for")
                        .isLessThan(20);
            } finally {
                serve.destroyForcibly();
            }
            assertThat(Files.readString(log))
                    .doesNotContain("Exception in thread")
                    .doesNotContain("Multiple calls to 'stop()'") // the scheduler is stopped once
                    .doesNotContain(" ERROR ");
        } catch (SQLException expected) {
            // the lock's connection ended with the server it was on
        }
        assertThatThrownBy(() -> DriverManager.getConnection(pgUrl, "postgres", null))
                .as("serve stopped the server it adopted");

        Map<String, String> embedded = new HashMap<>(Map.of("DATADUMP_HOME", home.toString()));
        try (App app = App.open(Config.fromMap(embedded))) {
            DumpRun run = app.runs().find(queuedRun).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).contains("the node stopped while the dump ran; the dump is run again");
            assertThat(app.jdbc()
                            .queryFirst(
                                    "SELECT picked, execution_time <= now() FROM scheduled_tasks WHERE task_name = ?",
                                    rs -> rs.getBoolean(1) + " " + rs.getBoolean(2),
                                    DumpScheduler.ON_DEMAND_TASK)
                            .orElseThrow())
                    .as("the dump's execution was handed back, due at once")
                    .isEqualTo("false true");
            assertThat(app.jdbc()
                            .queryFirst(
                                    "SELECT coalesce(sum(requests), 0) FROM download_audit WHERE account_id = ?",
                                    rs -> rs.getLong(1),
                                    account)
                            .orElseThrow())
                    .as("3 links and 3 files in the access log")
                    .isEqualTo(6);
        }
    }

    /** Polls the run's status in the database at {@code url} until it is {@code status} (a minute at most). */
    private static void awaitStatus(String url, long runId, String status) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection other = DriverManager.getConnection(url, "postgres", null)) {
            while (true) {
                var rs = other.createStatement()
                        .executeQuery("SELECT status FROM datadump.dump_runs WHERE id = " + runId);
                if (rs.next() && rs.getString(1).equals(status)) return;
                if (System.nanoTime() > end) throw new AssertionError("run " + runId + " never became " + status);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void demoRunsTheDumpItsPortalOffers() throws Exception {
        Path home = Files.createTempDirectory("demo-dump-now");
        Map<String, String> env = settings(home);
        int port = Integer.parseInt(env.get("DATADUMP_PORT"));
        env.put("DATADUMP_POLLING_MILLIS", "200");
        Path log = home.resolve("demo.log");
        ProcessBuilder pb = Datadump.command("demo").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process demo = pb.start();
        try {
            Datadump.awaitLog(demo, log, "press Ctrl-C to stop");
            Matcher key = Pattern.compile("API key of Demo Immobilien GmbH \\(account \\d+\\): (dd_\\S+)")
                    .matcher(Files.readString(log));
            assertThat(key.find()).isTrue();
            HttpResponse<String> queued = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/datadump/runs"))
                            .header("X-API-KEY", key.group(1))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            String status = json.readTree(queued.body()).get("status_url").asText();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String state;
            do {
                Thread.sleep(200);
                state = json.readTree(get(port, status, key.group(1)).body())
                        .get("status")
                        .asText();
                assertThat(System.nanoTime())
                        .as("the run left 'queued': " + state)
                        .isLessThan(end);
            } while (state.equals("queued") || state.equals("running"));
            assertThat(state).isEqualTo("published");

            // destinations can be tried in the demo: its secrets key was made once, readable by its owner only
            Path secretsKey = home.resolve("demo-secrets.key");
            assertThat(Files.getPosixFilePermissions(secretsKey))
                    .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            assertThat(io.datadump.delivery.SecretBox.parse(Files.readString(secretsKey)))
                    .isNotNull();
            assertThat(get(port, "/v1/datadump/destinations", key.group(1)).statusCode())
                    .isEqualTo(200);

            // it listens on this machine only, and says so
            assertThat(Files.readString(log)).contains("(listening on 127.0.0.1:" + port + ", this machine only)");
            Optional<InetAddress> outside = NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
            if (outside.isPresent()) {
                assertThatThrownBy(() -> new Socket(outside.get(), port).close())
                        .as("the demo is not reachable on " + outside.get())
                        .isInstanceOf(ConnectException.class);
            }
        } finally {
            demo.destroy();
            demo.waitFor(60, TimeUnit.SECONDS);
            demo.destroyForcibly();
        }
        // a second run revokes the first run's keys instead of piling them up
        ProcessBuilder again = Datadump.command("demo", "--no-serve").redirectErrorStream(true);
        again.environment().putAll(env);
        Process second = again.start();
        String out = new String(second.getInputStream().readAllBytes());
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("revoked 2 key(s) named \"demo\" of earlier runs");
    }

    private HttpResponse<String> get(int port, String path, String key) throws Exception {
        URI uri = URI.create(path.startsWith("http") ? path : "http://127.0.0.1:" + port + path);
        return http.send(
                HttpRequest.newBuilder(uri).header("X-API-KEY", key).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An installation on a fresh database in {@code home}, its API on a free port. */
    private static Map<String, String> settings(Path home) throws Exception {
        Map<String, String> env = TestDatabases.env(home, TestDatabases.createDatabase());
        env.put("DATADUMP_PORT", Integer.toString(freePort()));
        return env;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
