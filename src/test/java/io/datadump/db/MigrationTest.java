package io.datadump.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunTrigger;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** An installation made with earlier migrations upgrades in place: no row lost, data moved to Propstack's fields. */
class MigrationTest {
    static final List<String> TABLES = List.of(
            "teams",
            "departments",
            "brokers",
            "contacts",
            "projects",
            "properties",
            "property_details",
            "property_detail_translations",
            "images",
            "documents",
            "deals",
            "commission_splits",
            "notes",
            "messages",
            "todos",
            "policies",
            "saved_queries");

    @Test
    void aDatabaseFilledWithTheV6SchemaUpgradesWithoutLosingARow() throws Exception {
        Path home = Files.createTempDirectory("migration");
        Map<String, String> env = TestDatabases.env(home, TestDatabases.createDatabase());
        String url = env.get("DATADUMP_DB_URL"), user = env.get("DATADUMP_DB_USER");
        String password = env.get("DATADUMP_DB_PASSWORD");
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .target("6")
                .load()
                .migrate();
        Map<String, Long> before;
        try (Connection c = DriverManager.getConnection(url, user, password);
                InputStream sql = MigrationTest.class.getResourceAsStream("/migration/v6-crm-rows.sql")) {
            c.createStatement().execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            before = counts(c);
        }

        try (App app = App.open(Config.fromMap(env))) {
            try (Connection c = app.database().connection()) {
                assertThat(counts(c)).isEqualTo(before);
            }
            DumpRun run = app.engine()
                    .dump(1, RunTrigger.CLI, DumpEngine.Listener.NONE)
                    .run();
            Path dir = ((FileStorage) app.storage()).root().resolve(run.storagePrefix());
            ObjectMapper json = new ObjectMapper();

            JsonNode images = json.readTree(dir.resolve("images.json").toFile());
            assertThat(images.get(0).get("imageable_type").asText()).isEqualTo("Property");
            assertThat(images.get(0).get("imageable_id").asLong()).isEqualTo(1);
            assertThat(images.get(0).get("is_not_for_exposee").asBoolean()).isTrue();
            assertThat(images.get(1).get("imageable_type").asText()).isEqualTo("Project");
            assertThat(images.get(1).get("imageable_id").asLong()).isEqualTo(1);

            JsonNode query =
                    json.readTree(dir.resolve("saved_queries.json").toFile()).get(0);
            assertThat(query.get("price").decimalValue()).isEqualByComparingTo("300000");
            assertThat(query.get("price_to").decimalValue()).isEqualByComparingTo("500000");
            assertThat(query.get("living_space").decimalValue()).isEqualByComparingTo("60");
            assertThat(query.get("number_of_rooms").decimalValue()).isEqualByComparingTo("2");
            assertThat(query.get("note").asText()).isEqualTo("Kauf Berlin Mitte");

            JsonNode projects = json.readTree(dir.resolve("projects.json").toFile());
            assertThat(projects.get(0).get("description_note").asText()).isEqualTo("Zwölf Wohnungen am Park.");
            assertThat(projects.get(0).get("status").asText()).isEqualTo("SALES");
            assertThat(projects.get(0).get("project_id").asText()).isEqualTo("LH");
            assertThat(projects.get(0).get("title").asText()).isEqualTo("Lindenhof Höfe");
            assertThat(projects.get(0).get("address").asText()).isEqualTo("Lindenallee 3, 10115 Berlin");
            assertThat(projects.get(1).get("status").asText()).isEqualTo("PROGRESS");
            assertThat(projects.get(1).get("address").isNull()).isTrue();

            JsonNode detail =
                    json.readTree(dir.resolve("property_details.json").toFile()).get(0);
            assertThat(detail.get("value").asText()).isEqualTo("Helle Wohnung.");
            assertThat(detail.get("translations").get(0).get("value").asText()).isEqualTo("Bright flat.");

            JsonNode teams = json.readTree(dir.resolve("teams.json").toFile());
            assertThat(teams.get(0).get("imprint_note").asText())
                    .contains("Alt Immobilien GmbH", "Torstraße 5", "10119 Berlin", "HRB 12345", "DE123456789");
            assertThat(teams.get(0).get("broker_ids").toString()).isEqualTo("[1]");
            assertThat(teams.get(1).get("imprint_note").asText()).isEqualTo("Alt Gewerbe GmbH\nPotsdam");
            assertThat(teams.get(1).get("position").asInt()).isEqualTo(1);

            JsonNode splits =
                    json.readTree(dir.resolve("commission_splits.json").toFile());
            assertThat(splits)
                    .allSatisfy(s -> assertThat(s.get("property_id").asLong()).isEqualTo(1));
            assertThat(splits.get(1).get("broker_id").asLong()).isEqualTo(2);
            assertThat(splits.get(1).get("client_id").isNull()).isTrue();

            JsonNode policies = json.readTree(dir.resolve("policies.json").toFile());
            assertThat(policies.get(0).get("name").asText()).isEqualTo("Nachweis per E-Mail");
            assertThat(policies.get(0).get("read").asBoolean()).isTrue();
            assertThat(policies.get(0).get("accept_contact").asBoolean()).isTrue();
            assertThat(policies.get(1).get("name").asText()).isEqualTo("Nachweis per Telefon");
            assertThat(policies.get(1).get("read").asBoolean()).isFalse();

            JsonNode todos = json.readTree(dir.resolve("todos.json").toFile());
            assertThat(todos.get(0).get("task_creator_id").asLong()).isEqualTo(2);
            assertThat(todos.get(0).get("state").asInt()).isEqualTo(1);
            assertThat(todos.get(0).get("is_reminder").asBoolean()).isTrue();
            assertThat(todos.get(0).get("note_type_id").asInt()).isEqualTo(7);
            assertThat(todos.get(1).get("task_updater_id").asLong()).isEqualTo(2);

            JsonNode note = json.readTree(dir.resolve("notes.json").toFile()).get(0);
            assertThat(note.get("task_creator_id").asLong()).isEqualTo(2);

            JsonNode message =
                    json.readTree(dir.resolve("messages.json").toFile()).get(0);
            assertThat(message.get("archived").asBoolean()).isTrue();
            assertThat(message.get("attachments").toString()).isEqualTo("[]");

            JsonNode documents = json.readTree(dir.resolve("documents.json").toFile());
            assertThat(documents.get(0).get("is_floorplan").asBoolean()).isTrue();
            assertThat(documents.get(0).get("token").asText()).hasSize(32);
            assertThat(documents.get(1).get("position").asInt()).isEqualTo(1);

            JsonNode departments = json.readTree(dir.resolve("departments.json").toFile());
            assertThat(departments.get(1).get("position").asInt()).isEqualTo(1);
            assertThat(departments.get(1).get("broker_ids").toString()).isEqualTo("[2]");

            // columns without a Propstack counterpart keep their data in the CRM tables
            try (Connection c = app.database().connection();
                    ResultSet rs = c.createStatement()
                            .executeQuery("SELECT b.abbreviation, t.done_at, q.zip_codes[1], m.folder, p.channel"
                                    + " FROM brokers b, todos t, saved_queries q, messages m, policies p"
                                    + " WHERE b.id = 1 AND t.id = 1 AND q.id = 1 AND m.id = 1 AND p.id = 1")) {
                rs.next();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                        .containsExactly("AA", "2024-03-09 12:00:00", "10115", "archive", "email");
            }
        }
    }

    private static Map<String, Long> counts(Connection c) throws Exception {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : TABLES) {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + t)) {
                rs.next();
                out.put(t, rs.getLong(1));
            }
        }
        return out;
    }
}
