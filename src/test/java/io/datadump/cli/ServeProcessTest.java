package io.datadump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.Datadump;
import io.datadump.support.TestDatabases;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
        } finally {
            demo.destroy();
            demo.waitFor(60, TimeUnit.SECONDS);
            demo.destroyForcibly();
        }
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
