package io.datadump.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A file damaged in storage (a delta's recipe cut short) is answered with a clean 500 and the JSON error body, not a
 * 200 with wrong bytes or a broken body; the log names the dump once, however often it is asked for; and {@code
 * datadump check} names the same file.
 */
class DamagedFileTest {
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void aDamagedRecipeIsAClean500NamedOnceInTheLogAndFoundByCheck() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        try (App app = TestDatabases.freshApp(Map.of("DATADUMP_FILE_DELTA_MIN_KB", "0"))) {
            long account = app.accounts().create("Schaden GmbH", true).id();
            app.generator().generate(account, GenerationPlan.tiny(), 4, DemoDataGenerator.Progress.NONE);
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            app.builtInCrm()
                    .update(
                            "UPDATE contacts SET first_name = 'Neu' WHERE id IN (SELECT min(id) FROM contacts"
                                    + " WHERE account_id = ?)",
                            account);
            DumpResult second = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            String key = app.apiKeys().create(account, "k").secret();
            int port = app.startApi("127.0.0.1", 0);
            Path recipe = ((FileStorage) app.storage())
                    .root()
                    .resolve(second.run().storagePrefix() + "contacts.json.segments");
            assertThat(recipe).as("contacts is stored as a delta").exists();
            Files.write(recipe, Arrays.copyOf(Files.readAllBytes(recipe), 30));

            for (int attempt = 0; attempt < 3; attempt++) {
                HttpResponse<String> link = http.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/v1/datadump/contacts?redirect=false"))
                                .header("X-API-KEY", key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                String url = json.readTree(link.body()).get("url").asText();
                HttpResponse<String> file = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + url))
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(file.statusCode()).isEqualTo(500);
                assertThat(file.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("application/json");
                assertThat(file.headers().firstValue("ETag")).isEmpty();
                assertThat(file.headers().firstValue("Content-Encoding")).isEmpty();
                assertThat(json.readTree(file.body()).get("error").asText()).isEqualTo("stored_file_damaged");
            }
            assertThat(logged.list.stream()
                            .filter(e -> e.getLevel() == Level.ERROR)
                            .map(ILoggingEvent::getFormattedMessage)
                            .filter(m -> m.contains("dump " + second.run().id()) && m.contains("contacts")))
                    .as("one ERROR line for three requests")
                    .hasSize(1);
            assertThat(app.storageCheck().checkAllAndRecord().problems())
                    .anySatisfy(p -> assertThat(p.toString()).contains("contacts.json"));
        } finally {
            root.detachAppender(logged);
        }
    }
}
