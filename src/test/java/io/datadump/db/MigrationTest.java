package io.datadump.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunTrigger;
import io.datadump.schema.CustomFields;
import io.datadump.schema.TableCatalog;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An installation made with earlier migrations upgrades in place: no row lost, data moved to Propstack's fields, and
 * the single-schema layout moved into schemas crm and datadump exactly as a fresh installation lays them out.
 */
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
        Map<String, String> env = legacyInstallation("6");
        String url = env.get("DATADUMP_DB_URL"), user = env.get("DATADUMP_DB_USER");
        String password = env.get("DATADUMP_DB_PASSWORD");
        Map<String, Long> before;
        try (Connection c = DriverManager.getConnection(url, user, password);
                InputStream sql = MigrationTest.class.getResourceAsStream("/migration/v6-crm-rows.sql")) {
            c.createStatement().execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            before = counts(c);
        }

        try (App app = App.open(Config.fromMap(env))) {
            try (Connection c = app.database().builtInCrm().getConnection()) {
                assertThat(counts(c)).isEqualTo(before);
            }
            DumpRun run = app.engine().dump(1, RunTrigger.CLI, DumpEvents.NONE).run();
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
            try (Connection c = app.database().builtInCrm().getConnection();
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

    @Test
    void aSingleSchemaInstallationFilledByGenerateMovesIntoTheTwoSchemasWithEveryRow() throws Exception {
        Map<String, String> env = legacyInstallation("latest");
        String url = env.get("DATADUMP_DB_URL"), user = env.get("DATADUMP_DB_USER");
        String password = env.get("DATADUMP_DB_PASSWORD");
        // Filled as the last single-schema release did: its CRM tables are the ones in schema crm now, so today's
        // generator writes them when its connection resolves names in public.
        PGSimpleDataSource legacy = new PGSimpleDataSource();
        legacy.setUrl(url);
        legacy.setUser(user);
        legacy.setPassword(password);
        Jdbc legacyJdbc = new Jdbc(legacy);
        TableCatalog catalog = TableCatalog.builtIn();
        long account = legacyJdbc.insert(
                "INSERT INTO accounts (name, datadump_enabled, webhook_url) VALUES ('Alt GmbH', true, 'https://x.example/h')"
                        + " RETURNING id");
        new DemoDataGenerator(legacyJdbc, new CustomFields(legacyJdbc, legacyJdbc, catalog), catalog)
                .generate(account, GenerationPlan.forScale(1), 7, DemoDataGenerator.Progress.NONE);
        legacyJdbc.update(
                "INSERT INTO api_keys (account_id, key_prefix, key_hash) VALUES (?, 'dd_x', '\\x01')", account);
        Map<String, String> before = contentHashes(legacyJdbc, "public");

        try (App app = App.open(Config.fromMap(env))) {
            Map<String, String> after = contentHashes(app.jdbc(), "crm");
            after.putAll(contentHashes(app.jdbc(), "datadump"));
            after.keySet().removeIf(t -> t.equals("crm.accounts"));
            // every table moved (the later migrations add tables of their own)
            assertThat(after.keySet().stream().map(t -> t.substring(t.indexOf('.') + 1)))
                    .containsAll(before.keySet().stream()
                            .map(t -> t.substring(t.indexOf('.') + 1))
                            .toList());
            before.forEach((table, hash) -> {
                String name = table.substring(table.indexOf('.') + 1);
                String moved = after.containsKey("crm." + name) ? "crm." + name : "datadump." + name;
                assertThat(after.get(moved)).as(moved).isEqualTo(hash);
            });
            // the tenant is in the CRM, the entitlement and webhook with datadump
            assertThat(app.accounts().get(account).datadumpEnabled()).isTrue();
            assertThat(app.accounts().webhook(account).orElseThrow().url()).isEqualTo("https://x.example/h");
            assertThat(app.builtInCrm()
                            .queryFirst("SELECT name FROM accounts WHERE id = ?", rs -> rs.getString(1), account))
                    .hasValue("Alt GmbH");
            // new tenants continue the old numbering, and the upgraded installation dumps
            assertThat(app.accounts().create("Neu GmbH", true).id()).isGreaterThan(account);
            DumpResult result = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            assertThat(result.manifest().table("contacts").orElseThrow().rows())
                    .isEqualTo(app.builtInCrm()
                            .queryFirst(
                                    "SELECT count(*) FROM contacts WHERE account_id = ?", rs -> rs.getLong(1), account)
                            .orElseThrow());

            // the upgraded layout is exactly a fresh installation's
            try (App fresh = TestDatabases.freshApp()) {
                assertThat(layout(app.jdbc())).isEqualTo(layout(fresh.jdbc()));
            }
        }
    }

    /** The settings of a fresh database migrated with the single-schema chain up to {@code target}. */
    private static Map<String, String> legacyInstallation(String target) throws Exception {
        Map<String, String> env =
                TestDatabases.env(Files.createTempDirectory("migration"), TestDatabases.createDatabase());
        // tables moved by the upgrade keep their grants: a SELECT-only source role needs them granted anew
        env.remove("DATADUMP_SOURCE_USER");
        env.remove("DATADUMP_SOURCE_PASSWORD");
        Flyway.configure()
                .dataSource(env.get("DATADUMP_DB_URL"), env.get("DATADUMP_DB_USER"), env.get("DATADUMP_DB_PASSWORD"))
                .locations("classpath:db/legacy")
                .target(target)
                .load()
                .migrate();
        return env;
    }

    /** Per table of the schema, an md5 of all its rows in id order (or of all columns where it has no id). */
    private static Map<String, String> contentHashes(Jdbc jdbc, String schema) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String table : jdbc.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename NOT LIKE '%flyway_schema_history'"
                        + " ORDER BY 1",
                rs -> rs.getString(1), schema)) {
            String q = schema + "." + table;
            out.put(
                    q,
                    jdbc.queryFirst(
                                    "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + q
                                            + " t",
                                    rs -> rs.getString(1))
                            .orElseThrow());
        }
        return out;
    }

    /** Columns, constraints and indexes of schemas crm and datadump, as text, for comparing two installations. */
    private static List<String> layout(Jdbc jdbc) {
        List<String> out = new ArrayList<>(jdbc.query(
                "SELECT table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' '"
                        + " || is_nullable || ' ' || coalesce(column_default, '')"
                        + " FROM information_schema.columns WHERE table_schema IN ('crm', 'datadump')"
                        + " AND table_name NOT LIKE '%flyway_schema_history' ORDER BY 1",
                rs -> rs.getString(1)));
        out.addAll(jdbc.query(
                "SELECT n.nspname || '.' || conrelid::regclass::text || ' ' || conname || ' '"
                        + " || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
                        + " WHERE n.nspname IN ('crm', 'datadump') AND conrelid::regclass::text NOT LIKE '%flyway_schema_history'"
                        + " ORDER BY 1",
                rs -> rs.getString(1)));
        out.addAll(jdbc.query(
                "SELECT schemaname || ' ' || indexdef FROM pg_indexes WHERE schemaname IN ('crm', 'datadump')"
                        + " AND tablename NOT LIKE '%flyway_schema_history' ORDER BY 1",
                rs -> rs.getString(1)));
        return out;
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

    @Test
    void aStartSkipsFlywayOnlyWhenEveryScriptOfTheJarIsApplied() throws Exception {
        String url = TestDatabases.createDatabase();
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(TestDatabases.withCredentials(url));
            assertThat(MigrationScripts.scripts("db/service").orElseThrow())
                    .contains("V1__service_schema.sql", "V7__representations_requested.sql");
            assertThat(MigrationScripts.upToDate(ds, Migrations.SERVICE_SCHEMA, "db/service"))
                    .as("no history yet")
                    .isFalse();
            Migrations.migrateService(ds);
            assertThat(MigrationScripts.upToDate(ds, Migrations.SERVICE_SCHEMA, "db/service"))
                    .isTrue();

            // the newest script, which the history lacks (as after an upgrade of the jar), goes to Flyway, which
            // applies
            // it again
            TestDatabases.execute(
                    url,
                    "DELETE FROM datadump.flyway_schema_history WHERE script = 'V7__representations_requested.sql';"
                            + " ALTER TABLE datadump.dump_representations DROP COLUMN requested");
            assertThat(MigrationScripts.upToDate(ds, Migrations.SERVICE_SCHEMA, "db/service"))
                    .isFalse();
            Migrations.migrateService(ds);
            assertThat(MigrationScripts.upToDate(ds, Migrations.SERVICE_SCHEMA, "db/service"))
                    .isTrue();
            TestDatabases.execute(url, "SELECT count(*) FROM datadump.dump_representations WHERE requested");

            // a failed script is never taken for applied
            TestDatabases.execute(
                    url,
                    "UPDATE datadump.flyway_schema_history SET success = false"
                            + " WHERE script = 'V7__representations_requested.sql'");
            assertThat(MigrationScripts.upToDate(ds, Migrations.SERVICE_SCHEMA, "db/service"))
                    .isFalse();
        } finally {
            TestDatabases.dropDatabase(url);
        }
    }
}
