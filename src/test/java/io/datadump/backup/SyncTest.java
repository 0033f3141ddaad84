package io.datadump.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.App;
import io.datadump.cli.CliRunner;
import io.datadump.db.Jdbc;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.Datadump;
import io.datadump.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code datadump sync} against a real server and a real PostgreSQL as the tenant's database, over several days of
 * changes: after every sync, every table equals the dump's file row for row, checked by the command's own
 * {@code --check} and independently here (each row read back as JSON and compared with the file's, parsed).
 */
class SyncTest {
    static App app;
    static String base;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    static void start() {
        app = TestDatabases.freshApp();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** An enabled account with the tiny demo data, its key, its first dump, and a fresh database to sync into. */
    static final class Tenant {
        final long account;
        final String key;
        final String target = TestDatabases.createDatabase();
        long dump;

        Tenant(String name) {
            account = app.accounts().create(name, true).id();
            app.generator().generate(account, GenerationPlan.tiny(), account, DemoDataGenerator.Progress.NONE);
            key = app.apiKeys().create(account, "sync").secret();
            dump();
        }

        void dump() {
            dump = app.engine()
                    .dump(account, RunTrigger.CLI, DumpEvents.NONE)
                    .run()
                    .id();
        }

        CliRunner.Outcome sync(String... args) {
            List<String> all =
                    new ArrayList<>(List.of("sync", "--url", base, "--into", TestDatabases.withCredentials(target)));
            all.addAll(List.of(args));
            return datadump(key, all.toArray(String[]::new));
        }

        /** Runs SQL on the built-in CRM against this account's rows ({@code :a} is its id). */
        int crm(String sql) {
            return SyncTest.crm().update(sql.replace(":a", Long.toString(account)));
        }
    }

    static Jdbc crm() {
        return app.builtInCrm();
    }

    static CliRunner.Outcome datadump(String apiKey, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("DATADUMP_HOME", "/nonexistent/datadump-home");
        if (apiKey != null) env.put("DATADUMP_API_KEY", apiKey);
        return CliRunner.run(env, args);
    }

    @Test
    void theFirstSyncLoadsTypedTablesAndLaterOnesApplyOnlyWhatChangedDayAfterDay() throws Exception {
        Tenant t = new Tenant("Sync Tage GmbH");
        CliRunner.Outcome first = t.sync("--check");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("crm: dump " + t.dump, "26 tables", "26 loaded whole", "every row equals the dump's files");
        assertEqualsDump(t, "crm");
        try (Connection c = TestDatabases.connect(t.target)) {
            assertThat(column(c, "contacts", "id")).isEqualTo("bigint");
            assertThat(column(c, "contacts", "dob")).isEqualTo("date");
            assertThat(column(c, "contacts", "emails")).isEqualTo("text[]");
            assertThat(column(c, "deals", "created_at")).isEqualTo("timestamp without time zone");
            assertThat(strings(
                            c, "SELECT indexdef FROM pg_indexes WHERE schemaname = 'crm' AND tablename = 'contacts'"))
                    .anyMatch(d -> d.contains("UNIQUE") && d.contains("(id)"))
                    .anyMatch(d -> d.contains("(broker_id)"));
            assertThat(strings(c, "SELECT DISTINCT dump_id::text FROM crm._datadump_sync"))
                    .containsExactly(Long.toString(t.dump));
        }

        CliRunner.Outcome again = t.sync();
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("up to date, nothing applied");

        // day 2: rows added, changed and deleted, a table emptied, a custom field added with values
        t.crm("INSERT INTO crm.notes SELECT (jsonb_populate_record(NULL::crm.notes, to_jsonb(n)"
                + " || jsonb_build_object('id', nextval('crm.notes_id_seq')))).* FROM (SELECT * FROM crm.notes"
                + " WHERE account_id = :a ORDER BY id LIMIT 3) n");
        t.crm("UPDATE crm.contacts SET first_name = 'Geändert \"zitiert\" \\ tab\there' WHERE id IN"
                + " (SELECT id FROM crm.contacts WHERE account_id = :a ORDER BY id LIMIT 2)");
        t.crm("DELETE FROM crm.todos WHERE id IN (SELECT id FROM crm.todos WHERE account_id = :a ORDER BY id LIMIT 2)");
        t.crm("DELETE FROM crm.cancelations WHERE account_id = :a");
        addCustomField(t, "kennung", "string", "to_jsonb('K-' || id)");
        addCustomField(t, "zimmer", "number", "to_jsonb(id % 5)");
        t.crm("UPDATE crm.contacts SET custom_fields = custom_fields || '{\"zimmer\": \"viele\"}' WHERE id ="
                + " (SELECT min(id) FROM crm.contacts WHERE account_id = :a)"); // a text in a number field
        t.dump();
        CliRunner.Outcome day2 = t.sync("--check");
        assertThat(day2.exitCode()).as(day2.err()).isZero();
        assertThat(day2.out())
                .contains(
                        "crm: dump " + t.dump,
                        "deletes",
                        "contacts: new column(s) kennung, zimmer; 1 row(s) with a custom field value that does not fit"
                                + " the field's type: empty in the copy")
                .doesNotContain("loaded whole");
        assertEqualsDump(t, "crm");

        // day 3: the field is removed (its column stays, empty) and another changes its type (loaded whole)
        crm().update("DELETE FROM crm.custom_field_definitions WHERE account_id = ? AND name = 'kennung'", t.account);
        addCustomField(t, "stockwerk", "string", "to_jsonb((id % 7)::text)");
        t.dump();
        assertThat(t.sync().exitCode()).isZero();
        crm().update(
                        "UPDATE crm.custom_field_definitions SET field_type = 'number' WHERE account_id = ? AND name ="
                                + " 'stockwerk'",
                        t.account);
        t.crm("UPDATE crm.contacts SET custom_fields = custom_fields || jsonb_build_object('stockwerk', id % 7)"
                + " WHERE account_id = :a");
        t.dump();
        CliRunner.Outcome day3 = t.sync("--check");
        assertThat(day3.exitCode()).as(day3.err()).isZero();
        assertThat(day3.out()).contains("contacts: column(s) stockwerk changed type: loaded whole");
        assertEqualsDump(t, "crm");
        // a copy changed by hand is found by --check, which names the row and the field
        TestDatabases.execute(
                t.target, "UPDATE crm.notes SET title = 'von Hand' WHERE id = (SELECT min(id) FROM crm.notes)");
        CliRunner.Outcome tampered = t.sync("--check");
        assertThat(tampered.exitCode()).isNotZero();
        assertThat(tampered.err()).contains("notes DIFFERS: row 1 (id ", "differs in title", "\"von Hand\"");
        try (Connection c = TestDatabases.connect(t.target)) {
            assertThat(column(c, "contacts", "kennung")).isEqualTo("text");
            assertThat(strings(c, "SELECT count(kennung)::text FROM crm.contacts"))
                    .containsExactly("0");
            assertThat(column(c, "contacts", "stockwerk")).isEqualTo("numeric");
        }
    }

    @Test
    void whenTheRecordedDumpIsRetainedNoMoreTheTablesAreLoadedWholeInTheSameRun() throws Exception {
        Tenant t = new Tenant("Sync Aufbewahrung GmbH");
        assertThat(t.sync().exitCode()).isZero();
        long synced = t.dump;
        t.crm("DELETE FROM crm.notes WHERE id IN (SELECT id FROM crm.notes WHERE account_id = :a ORDER BY id LIMIT 1)");
        t.dump();
        t.dump();
        app.jdbc().update("UPDATE dump_runs SET status = 'expiring' WHERE id = ?", synced); // as retention marks it
        CliRunner.Outcome outcome = t.sync("--check");
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.out())
                .contains("1 loaded whole", "notes: dump " + synced + " is retained no more: loaded whole")
                .contains("0 upserts, 0 deletes"); // the other tables' files are those it holds: nothing to fetch
        assertEqualsDump(t, "crm");
    }

    @Test
    void aSyncKilledMidwayLeavesThePreviousStateAndAnotherSyncMeanwhileIsRefused() throws Exception {
        Tenant t = new Tenant("Sync Abbruch GmbH");
        assertThat(t.sync().exitCode()).isZero();
        long before = t.dump;
        t.crm("UPDATE crm.contacts SET last_name = 'Neu' WHERE account_id = :a");
        t.crm("DELETE FROM crm.notes WHERE account_id = :a");
        t.dump();
        String last = "notes"; // after contacts in the dump's order

        // the test holds notes, so the sync stops there, with what it wrote before that in its transaction
        Path log = Files.createTempFile("sync", ".log");
        Process child;
        try (Connection holder = TestDatabases.connect(t.target)) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE crm." + last + " IN ACCESS EXCLUSIVE MODE");
            ProcessBuilder pb = Datadump.command(
                            "sync", "--url", base, "--into", TestDatabases.withCredentials(t.target))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("DATADUMP_API_KEY", t.key);
            pb.environment().put("DATADUMP_HOME", "/nonexistent/datadump-home");
            child = pb.start();
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (strings(
                            holder,
                            "SELECT pid::text FROM pg_locks WHERE relation = 'crm." + last
                                    + "'::regclass AND NOT granted")
                    .isEmpty()) {
                assertThat(child.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("the sync reached " + last).isLessThan(end);
                Thread.sleep(20);
            }
            CliRunner.Outcome second = t.sync();
            assertThat(second.exitCode()).isNotZero();
            assertThat(second.err()).contains("another sync into schema crm of this database is running");

            child.destroyForcibly(); // kill -9
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            holder.rollback();
        }
        try (Connection c = TestDatabases.connect(t.target)) {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!strings(
                            c,
                            "SELECT pid::text FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND backend_type = 'client backend'"
                                    + " AND pid <> pg_backend_pid()")
                    .isEmpty()) {
                assertThat(System.nanoTime())
                        .as("the killed sync's session ended")
                        .isLessThan(end);
                Thread.sleep(20);
            }
            assertThat(strings(c, "SELECT DISTINCT dump_id::text FROM crm._datadump_sync"))
                    .containsExactly(Long.toString(before));
        }
        assertEqualsDump(t, "crm", before);

        CliRunner.Outcome next = t.sync("--check");
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertEqualsDump(t, "crm");
    }

    @Test
    void whatSyncMayNotDoIsRefusedInOneSentenceAndChangesNothing() throws Exception {
        Tenant t = new Tenant("Sync Grenzen GmbH");
        // a role that may not create anything in the database
        TestDatabases.execute(
                t.target,
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sync_no_create') THEN"
                        + " CREATE ROLE sync_no_create LOGIN PASSWORD 'no-create'; END IF; END $$;"
                        + "REVOKE CREATE ON DATABASE " + t.target.substring(t.target.lastIndexOf('/') + 1)
                        + " FROM PUBLIC; REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
        CliRunner.Outcome denied =
                datadump(t.key, "sync", "--url", base, "--into", t.target + "?user=sync_no_create&password=no-create");
        assertThat(denied.exitCode()).isNotZero();
        assertThat(denied.err().strip().lines()).hasSize(1);
        assertThat(denied.err()).contains("may not create what sync needs", "nothing was changed");

        // a table it did not create is never changed
        TestDatabases.execute(
                t.target,
                "CREATE SCHEMA mine; CREATE TABLE mine.contacts (id int); INSERT INTO" + " mine.contacts VALUES (7)");
        CliRunner.Outcome foreign = t.sync("--schema", "mine");
        assertThat(foreign.exitCode()).isNotZero();
        assertThat(foreign.err()).contains("table contacts: schema mine has this table already, and sync did not");
        try (Connection c = TestDatabases.connect(t.target)) {
            assertThat(strings(c, "SELECT id::text FROM mine.contacts")).containsExactly("7");
            assertThat(strings(c, "SELECT tablename::text FROM pg_tables WHERE schemaname = 'mine'"))
                    .containsExactly("contacts");
        }

        // another account's key into a schema that holds this one's tables
        assertThat(t.sync("--tables", "notes,todos").exitCode()).isZero();
        Tenant other = new Tenant("Sync Andere GmbH");
        CliRunner.Outcome mixed =
                datadump(other.key, "sync", "--url", base, "--into", TestDatabases.withCredentials(t.target));
        assertThat(mixed.exitCode()).isNotZero();
        assertThat(mixed.err()).contains("schema crm holds account " + t.account + "'s tables");

        CliRunner.Outcome unknown = t.sync("--tables", "contacts,kontakte");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("the dump has no table kontakte; its tables: appointments,");
        CliRunner.Outcome badEvery = t.sync("--every", "5s");
        assertThat(badEvery.exitCode()).isEqualTo(2);
        assertThat(badEvery.err()).contains("--every is 1m to 7d");
        try (Connection c = TestDatabases.connect(t.target)) {
            assertThat(strings(c, "SELECT table_name FROM crm._datadump_sync ORDER BY 1"))
                    .containsExactly("notes", "todos");
        }
    }

    // ---- the independent comparison ------------------------------------------------------------------------------

    static void assertEqualsDump(Tenant t, String schema) throws Exception {
        assertEqualsDump(t, schema, t.dump);
    }

    /** Every table of the dump, read back from the synced schema, equals the file the API serves, row for row. */
    static void assertEqualsDump(Tenant t, String schema, long dump) throws Exception {
        JsonNode index = JSON.readTree(get("/v1/datadump?dump=" + dump, t.key));
        try (Connection c = TestDatabases.connect(t.target)) {
            for (JsonNode table : index.get("tables")) {
                String name = table.get("name").asText();
                JsonNode file = JSON.readTree(get("/v1/datadump/" + name + "?dump=" + dump, t.key));
                JsonNode properties = JSON.readTree(get("/v1/datadump/" + name + "/schema?dump=" + dump, t.key))
                        .get("properties");
                List<String> columns = new ArrayList<>();
                for (Iterator<String> it = properties.fieldNames(); it.hasNext(); )
                    columns.add("\"" + it.next() + "\"");
                List<JsonNode> rows = new ArrayList<>();
                for (String row : strings(
                        c,
                        "SELECT row_to_json(t)::text FROM (SELECT " + String.join(", ", columns) + " FROM " + schema
                                + "." + name + ") t ORDER BY t.id")) rows.add(JSON.readTree(row));
                List<JsonNode> expected = new ArrayList<>();
                for (JsonNode row : file) { // a text in a custom number field is empty in the copy
                    properties.fields().forEachRemaining(p -> {
                        if (p.getValue().path("x-custom-field").asBoolean()
                                && p.getValue().get("type").toString().contains("number")
                                && row.path(p.getKey()).isTextual()) ((ObjectNode) row).putNull(p.getKey());
                    });
                    expected.add(row);
                }
                assertThat(rows).as(name + " of dump " + dump).isEqualTo(expected);
            }
        }
    }

    static void addCustomField(Tenant t, String name, String type, String value) {
        crm().update(
                        "INSERT INTO crm.custom_field_definitions (id, account_id, entity, name, label, field_type,"
                                + " position) VALUES (nextval('crm.custom_field_definitions_id_seq'), ?, 'contacts', ?,"
                                + " ?, ?, 100)",
                        t.account,
                        name,
                        "Feld " + name,
                        type);
        t.crm("UPDATE crm.contacts SET custom_fields = custom_fields || jsonb_build_object('" + name + "', " + value
                + ") WHERE account_id = :a");
    }

    static String get(String path, String key) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("X-API-KEY", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }

    static String column(Connection c, String table, String column) throws SQLException {
        return strings(
                        c,
                        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'crm." + table
                                + "'::regclass AND attname = '" + column + "'")
                .get(0);
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
