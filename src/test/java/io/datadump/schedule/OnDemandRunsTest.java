package io.datadump.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class OnDemandRunsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();

    static HttpResponse<String> send(String method, String url, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-API-KEY", key)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A run the status endpoint reports published is served at once, also while this node's account cache still holds
     * the state from before it (here: a dump published without this node's events, as another node's is).
     */
    @Test
    void aRunReportedPublishedIsServedAtOnceWhateverTheCacheHeld() throws Exception {
        var env = TestDatabases.env(Files.createTempDirectory("od"), TestDatabases.createDatabase());
        try (App app = App.open(Config.fromMap(env))) {
            long account = app.accounts().create("Polling GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 5, DemoDataGenerator.Progress.NONE);
            String key = app.apiKeys().create(account, "t").secret();
            String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
            long cached = System.nanoTime();
            assertThat(send("GET", base + "/v1/datadump/contacts", key).statusCode())
                    .as("no dump yet, and the cache knows it")
                    .isEqualTo(404);

            long runId = app.newEngine(
                            app.catalog(), app.storage(), app.config().dump())
                    .dump(account, io.datadump.dump.RunTrigger.API, io.datadump.dump.DumpEvents.NONE)
                    .manifest()
                    .dumpId();
            assumeThat(System.nanoTime() - cached)
                    .as("the cache's entry is still fresh")
                    .isLessThan(io.datadump.api.AccountDumpCache.TTL.toNanos());
            assertThat(send("GET", base + "/v1/datadump/contacts", key).statusCode())
                    .as("the cache does not know the new dump yet")
                    .isEqualTo(404);

            JsonNode status = JSON.readTree(
                    send("GET", base + "/v1/datadump/runs/" + runId, key).body());
            assertThat(status.get("status").asText()).isEqualTo("published");
            assertThat(send("GET", base + "/v1/datadump/contacts", key).statusCode())
                    .as("the dump the client was just told of")
                    .isEqualTo(302);
        }
    }

    @Test
    void anOnDemandDumpRunsOnceAndRefusesDuplicatesAndTooFrequentRequests() throws Exception {
        var env = new HashMap<>(TestDatabases.env(Files.createTempDirectory("od"), TestDatabases.createDatabase()));
        env.put("DATADUMP_POLLING_MILLIS", "200");
        env.put("DATADUMP_ON_DEMAND_MIN_INTERVAL_SECONDS", "3600");
        try (App app = App.open(Config.fromMap(env))) {
            long account = app.accounts().create("OnDemand GmbH", true).id();
            long other = app.accounts().create("Other GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 5, DemoDataGenerator.Progress.NONE);
            String key = app.apiKeys().create(account, "t").secret();
            String otherKey = app.apiKeys().create(other, "t").secret();
            app.startScheduler();
            String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);

            HttpResponse<String> queued = send("POST", base + "/v1/datadump/runs", key);
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            long runId = JSON.readTree(queued.body()).get("run_id").asLong();

            HttpResponse<String> duplicate = send("POST", base + "/v1/datadump/runs", key);
            assertThat(duplicate.statusCode()).as(duplicate.body()).isEqualTo(409);
            assertThat(JSON.readTree(duplicate.body()).get("error").asText()).isEqualTo("dump_running");
            assertThat(JSON.readTree(duplicate.body()).get("errors").get(0).asText())
                    .isEqualTo(JSON.readTree(duplicate.body()).get("message").asText());

            JsonNode status = null;
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                status = JSON.readTree(
                        send("GET", base + "/v1/datadump/runs/" + runId, key).body());
                if (status.get("status").asText().equals("published")) break;
                Thread.sleep(200);
            }
            assertThat(status.get("status").asText()).isEqualTo("published");
            assertThat(status.get("trigger").asText()).isEqualTo("api");
            assertThat(status.get("rows").asLong()).isPositive();
            assertThat(app.runs().current(account).orElseThrow().id()).isEqualTo(runId);
            assertThat(send("GET", base + "/v1/datadump/contacts", key).statusCode())
                    .isEqualTo(302);

            HttpResponse<String> tooSoon = send("POST", base + "/v1/datadump/runs", key);
            assertThat(tooSoon.statusCode()).isEqualTo(429);
            JsonNode tooSoonBody = JSON.readTree(tooSoon.body());
            assertThat(tooSoonBody.get("error").asText()).isEqualTo("too_many_requests");
            assertThat(tooSoonBody.get("errors").get(0).asText())
                    .isEqualTo(tooSoonBody.get("message").asText());
            long retryAfter =
                    Long.parseLong(tooSoon.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(3000L, 3600L);

            // another account can neither see this run nor is it limited by it
            assertThat(send("GET", base + "/v1/datadump/runs/" + runId, otherKey)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(send("GET", base + "/v1/datadump/runs/abc", key).statusCode())
                    .isEqualTo(400);
            assertThat(send("POST", base + "/v1/datadump/runs", otherKey).statusCode())
                    .isEqualTo(202);
        }
    }
}
