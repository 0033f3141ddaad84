package io.datadump.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunStatus;
import io.datadump.dump.RunTrigger;
import io.datadump.support.TestDatabases;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The failures LifecycleModelTest found (issue 22, and with sync issue 27), each as the shortest sequence that showed it: every one of
 * these failed before its fix.
 */
class LifecycleRegressionTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aDumpWhoseOnlyChangeIsADeletedRowIsPublishedAndSoAreTheNext() {
        try (App app = TestDatabases.freshApp(Map.of("DATADUMP_FILE_DELTA_MIN_KB", "0"))) {
            long account = account(app);
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            app.builtInCrm()
                    .update("DELETE FROM notes WHERE id = (SELECT min(id) FROM notes WHERE account_id = ?)", account);
            DumpResult second = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            DumpResult third = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            assertThat(third.run().status()).isEqualTo(RunStatus.PUBLISHED);
            assertThat(third.manifest().table("notes").orElseThrow().sha256())
                    .isEqualTo(second.manifest().table("notes").orElseThrow().sha256());
            assertThat(app.storageCheck().check(account).problems()).isEmpty();
        }
    }

    @Test
    void aLinkHandedOutBeforeASecondDumpOfTheDayServesForItsWholeLifetime() throws Exception {
        try (App app = TestDatabases.freshApp()) {
            long account = account(app);
            String key = app.apiKeys().create(account, "t").secret();
            int port = app.startApi("127.0.0.1", 0);
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE); // the week's (and month's) first, kept
            DumpRun morning =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            JsonNode link = json.readTree(
                    get(port, "/v1/datadump/contacts?redirect=false", key).body());
            DumpRun onDemand =
                    app.engine().dump(account, RunTrigger.API, DumpEvents.NONE).run();

            HttpResponse<String> file = get(port, link.get("url").asText(), key);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("ETag").orElseThrow())
                    .contains(link.get("sha256").asText());
            // superseded on its day: offered no more, but kept for the links' lifetime
            assertThat(app.runs().find(morning.id()).orElseThrow().status()).isEqualTo(RunStatus.EXPIRING);
            assertThat(get(port, "/v1/datadump/contacts?dump=" + morning.id(), key)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(app.runs().current(account).orElseThrow().id()).isEqualTo(onDemand.id());

            // once every link to it has expired, housekeeping deletes it
            app.jdbc()
                    .update(
                            "UPDATE dump_runs SET delete_after = now() - interval '1 second' WHERE id = ?",
                            morning.id());
            app.runHousekeeping();
            assertThat(app.runs().find(morning.id()).orElseThrow().status()).isEqualTo(RunStatus.PRUNED);
            assertThat(get(port, link.get("url").asText(), key).statusCode()).isEqualTo(410);
            assertThat(app.storageCheck().check(account).problems()).isEmpty();
        }
    }

    @Test
    void anOnDemandRunThatRunsAfterALaterDumpIsCurrentEverywhere() throws Exception {
        try (App app = TestDatabases.freshApp(Map.of("DATADUMP_POLLING_MILLIS", "100"))) {
            long account = account(app);
            String key = app.apiKeys().create(account, "t").secret();
            int port = app.startApi("127.0.0.1", 0);
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE); // the week's (and month's) first, kept
            HttpResponse<String> queued = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/datadump/runs"))
                            .header("X-API-KEY", key)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long late = json.readTree(queued.body()).get("run_id").asLong();
            DumpRun cli =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            assertThat(late).isLessThan(cli.id());

            app.startScheduler(); // the node that was down comes back and runs the queue
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (app.runs().find(late).orElseThrow().status() != RunStatus.PUBLISHED) {
                assertThat(System.nanoTime()).as("the queued run ran").isLessThan(end);
                Thread.sleep(50);
            }
            app.stopScheduler();

            assertThat(app.runs().current(account).orElseThrow().id()).isEqualTo(late);
            assertThat(json.readTree(get(port, "/v1/datadump", key).body())
                            .get("dump_id")
                            .asLong())
                    .isEqualTo(late);
            try (InputStream in = app.storage().open("accounts/" + account + "/current.json", 0, -1)) {
                assertThat(json.readTree(in).get("manifest").get("dump_id").asLong())
                        .isEqualTo(late);
            }
            assertThat(app.runs().find(cli.id()).orElseThrow().status()).isEqualTo(RunStatus.EXPIRING);
            assertThat(app.storageCheck().check(account).problems()).isEmpty();
        }
    }

    /** Found with sync (issue 27): the schema of a dump lost a custom field deleted after it, which its rows hold. */
    @Test
    void aDumpsSchemaKeepsTheCustomFieldsItWasDumpedWithAfterOneIsDeletedOrRetyped() throws Exception {
        try (App app = TestDatabases.freshApp()) {
            long account = account(app);
            String key = app.apiKeys().create(account, "t").secret();
            int port = app.startApi("127.0.0.1", 0);
            app.builtInCrm()
                    .update(
                            "INSERT INTO custom_field_definitions (account_id, entity, name, label, field_type, position)"
                                    + " VALUES (?, 'contacts', 'kennung', 'Kennung', 'string', 100),"
                                    + " (?, 'contacts', 'etage', 'Etage', 'string', 101)",
                            account,
                            account);
            DumpRun dump =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            String schemaSha = "";
            for (JsonNode t :
                    json.readTree(get(port, "/v1/datadump", key).body()).get("tables"))
                if (t.get("name").asText().equals("contacts"))
                    schemaSha = t.get("schema_sha256").asText();
            app.builtInCrm()
                    .update("DELETE FROM custom_field_definitions WHERE account_id = ? AND name = 'kennung'", account);
            app.builtInCrm()
                    .update(
                            "UPDATE custom_field_definitions SET field_type = 'number' WHERE account_id = ? AND name ="
                                    + " 'etage'",
                            account);

            HttpResponse<String> schema = get(port, "/v1/datadump/contacts/schema?dump=" + dump.id(), key);
            assertThat(schema.statusCode()).isEqualTo(200);
            JsonNode properties = json.readTree(schema.body()).get("properties");
            assertThat(properties.get("kennung").get("type").toString()).isEqualTo("[\"string\",\"null\"]");
            assertThat(properties.get("etage").get("type").toString()).isEqualTo("[\"string\",\"null\"]");
            assertThat(schema.headers().firstValue("ETag").orElseThrow()).isEqualTo("\"" + schemaSha + "\"");
        }
    }

    private static long account(App app) {
        long account = app.accounts().create("Regression GmbH", true).id();
        app.generator().generate(account, GenerationPlan.tiny(), 3, DemoDataGenerator.Progress.NONE);
        return account;
    }

    private HttpResponse<String> get(int port, String path, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("X-API-KEY", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
