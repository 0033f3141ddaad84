package io.datadump.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.Manifest;
import io.datadump.dump.RunTrigger;
import io.datadump.support.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The recipes in docs/recipes.md work as written: every URL form with curl, the incremental script end to end. */
class RecipesTest {
    static final String DOC_BASE = "http://localhost:8080", DOC_KEY = "dd_...";
    static App app;
    static String base, key, doc;
    static long account;

    @BeforeAll
    static void start() throws Exception {
        app = TestDatabases.freshApp();
        account = app.accounts().create("Recipes GmbH", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 3, DemoDataGenerator.Progress.NONE);
        app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        key = app.apiKeys().create(account, "recipes").secret();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
        doc = Files.readString(Path.of("docs/recipes.md"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyUrlFormInTheRecipesAnswersWithCurl() throws Exception {
        long dump = app.runs().current(account).orElseThrow().id();
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        Map<String, String> forms = Map.of(
                "/v1/datadump/contacts?format=csv&api_key=dd_...", "text/csv",
                "/v1/datadump/contacts?format=csv&api_key=dd_...&columns=id,first_name,last_name,email,updated_at",
                        "text/csv",
                "/v1/datadump/properties?format=csv&api_key=dd_...", "text/csv",
                "/v1/datadump/contacts?format=ndjson&api_key=dd_...", "application/x-ndjson",
                "/v1/datadump/contacts?format=parquet&api_key=dd_...", "application/vnd.apache.parquet",
                "/v1/datadump/contacts?format=xlsx&api_key=dd_...",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "/v1/datadump/contacts/schema?api_key=dd_...", "application/schema+json",
                "/v1/datadump/dumps?api_key=dd_...", "application/json",
                "/v1/datadump/deals?format=csv&date=2026-11-28&api_key=dd_...", "text/csv",
                "/v1/datadump/contacts/changes?since=<dump id>&api_key=dd_...", "application/x-ndjson");
        for (var form : forms.entrySet()) {
            assertThat(doc).as("the recipes show " + form.getKey()).contains(DOC_BASE + form.getKey());
            String url = base
                    + form.getKey()
                            .replace(DOC_KEY, key)
                            .replace("2026-11-28", today)
                            .replace("<dump id>", Long.toString(dump));
            String[] answer = curl(url).split(" ", 2);
            assertThat(answer[0]).as(form.getKey()).isEqualTo("200");
            assertThat(answer[1]).as(form.getKey()).startsWith(form.getValue());
        }
        // the Power Query JSON recipe: RelativePath with the key from the credential store
        assertThat(curl(base + "/v1/datadump/contacts?api_key=" + key)).startsWith("200 application/json");
        String csvHeader = new String(
                        run(List.of(
                                "curl",
                                "-sSL",
                                base + "/v1/datadump/contacts?format=csv&api_key=" + key + "&columns=id,email")),
                        StandardCharsets.UTF_8)
                .split("\r\n")[0];
        assertThat(csvHeader).isEqualTo("id,email");
    }

    /** The DuckDB recipe's query, run by DuckDB on the file its curl line downloads, answers with the schema's types. */
    @Test
    void theDuckDbParquetRecipeRunsAndTypesAsTheSchemaSays() throws Exception {
        String curlLine = DOC_BASE + "/v1/datadump/contacts?format=parquet&api_key=dd_...";
        assertThat(doc).contains("curl -sL \"" + curlLine + "\" -o contacts.parquet");
        Matcher sql = Pattern.compile("```sql\n(SELECT[^`]*?FROM 'contacts.parquet';)\n```")
                .matcher(doc);
        assertThat(sql.find()).as("the recipe's offline query").isTrue();
        Path file = Files.createTempDirectory("recipes").resolve("contacts.parquet");
        run(List.of("curl", "-sL", curlLine.replace(DOC_BASE, base).replace(DOC_KEY, key), "-o", file.toString()));
        JsonNode rows =
                new ObjectMapper().readTree(run(List.of("curl", "-sL", base + "/v1/datadump/contacts?api_key=" + key)));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet rs = statement.executeQuery(sql.group(1)
                        .replace("'contacts.parquet'", "'" + file + "'")
                        .replace(";", ""))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong("contacts")).isEqualTo(rows.size());
            long deleted = 0;
            for (JsonNode row : rows) if (!row.get("deleted_at").isNull()) deleted++;
            assertThat(rs.getLong("deleted")).isEqualTo(deleted);
            assertThat(rs.getMetaData().getColumnTypeName(3))
                    .as("sum of a DECIMAL(14,2)")
                    .startsWith("DECIMAL");
            assertThat(rs.getMetaData().getColumnTypeName(4)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
    }

    @Test
    void theIncrementalScriptKeepsALocalTableInStep() throws Exception {
        Path db = Files.createTempDirectory("recipes").resolve("crm.sqlite");
        String first = script(db);
        assertThat(first).startsWith("contacts: full load of ");
        app.builtInCrm()
                .update(
                        "UPDATE contacts SET first_name = 'Neu' WHERE id IN"
                                + " (SELECT id FROM contacts WHERE account_id = ? ORDER BY id LIMIT 7)",
                        account);
        app.builtInCrm()
                .update(
                        "DELETE FROM contacts WHERE id IN (SELECT id FROM contacts c WHERE account_id = ?"
                                + " AND NOT EXISTS (SELECT 1 FROM contacts x WHERE x.parent_id = c.id)"
                                + " AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.client_id = c.id)"
                                + " AND NOT EXISTS (SELECT 1 FROM policies p WHERE p.client_id = c.id)"
                                + " AND NOT EXISTS (SELECT 1 FROM relationships r WHERE c.id IN (r.client_id, r.related_client_id))"
                                + " AND NOT EXISTS (SELECT 1 FROM saved_queries q WHERE q.client_id = c.id)"
                                + " AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.client_id = c.id)"
                                + " AND NOT EXISTS (SELECT 1 FROM commission_splits s WHERE s.client_id = c.id)"
                                + " ORDER BY id DESC LIMIT 2)",
                        account);
        Manifest second =
                app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).manifest();
        assertThat(script(db))
                .isEqualTo("contacts: 7 upserts, 2 deletes since dump " + (second.dumpId() - 1) + ", now at dump "
                        + second.dumpId() + "\n");

        ObjectMapper json = new ObjectMapper();
        String prefix = app.runs().find(second.dumpId()).orElseThrow().storagePrefix();
        JsonNode expected;
        try (var stored = app.storage().open(prefix + "contacts.json", 0, -1)) {
            expected = json.readTree(stored); // through storage: a changed file may be kept as a delta
        }
        // read the local table with Python's sqlite3 module, as the script wrote it
        String local = new String(
                run(List.of(
                        "python3",
                        "-c",
                        "import sqlite3,sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute("
                                + "'SELECT row FROM contacts ORDER BY id')]",
                        db.toString())),
                StandardCharsets.UTF_8);
        List<JsonNode> rows = new ArrayList<>();
        for (String line : local.split("\n")) if (!line.isEmpty()) rows.add(json.readTree(line));
        assertThat(rows).containsExactlyElementsOf(expected::elements);
    }

    static String script(Path db) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                "python3", "scripts/incremental-load.py", "--table", "contacts", "--db", db.toString());
        pb.environment().put("DATADUMP_URL", base);
        pb.environment().put("DATADUMP_API_KEY", key);
        return new String(run(pb), StandardCharsets.UTF_8);
    }

    static String curl(String url) throws Exception {
        return new String(
                run(List.of("curl", "-sSL", "-o", "/dev/null", "-w", "%{http_code} %{content_type}", url)),
                StandardCharsets.UTF_8);
    }

    static byte[] run(List<String> command) throws Exception {
        return run(new ProcessBuilder(command));
    }

    static byte[] run(ProcessBuilder pb) throws IOException, InterruptedException {
        Process p = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", pb.command())).isZero();
        return out;
    }
}
