package io.datadump.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.cli.CliRunner;
import io.datadump.config.Config;
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
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator's own database as the source: the made-up "immo" CRM of docs/catalog-example (other table and column
 * names, its own tenants and custom-field query), read through a SELECT-only role, dumped and served; and every kind
 * of broken catalog refused with its file and one sentence.
 */
class OperatorCatalogTest {
    static final Path EXAMPLE = Path.of("docs/catalog-example");
    static final ObjectMapper JSON = new ObjectMapper();
    static String sourceUrl;
    static Map<String, String> env;
    static App app;

    @BeforeAll
    static void start() throws Exception {
        sourceUrl = TestDatabases.createDatabase();
        TestDatabases.execute(sourceUrl, Files.readString(EXAMPLE.resolve("schema.sql")));
        String password = TestDatabases.selectOnlyRole(sourceUrl, "immo_reader", "immo");
        env = new HashMap<>(TestDatabases.env(Files.createTempDirectory("operator"), TestDatabases.createDatabase()));
        env.put("DATADUMP_SOURCE_URL", sourceUrl);
        env.put("DATADUMP_SOURCE_USER", "immo_reader");
        env.put("DATADUMP_SOURCE_PASSWORD", password);
        env.put("DATADUMP_CATALOG", EXAMPLE.resolve("catalog").toString());
        app = App.open(Config.fromMap(env));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theOperatorsTablesAreDumpedWithTheirTenantsCustomFields() throws Exception {
        CatalogCheck.Report report = app.checkCatalog();
        assertThat(report.tables()).isEqualTo(2);
        assertThat(report.tenants()).isEqualTo(2);

        // tenants come from the source: enabling one registers it with the source's name and time zone
        app.accounts().setDatadumpEnabled(2, true);
        assertThat(app.accounts().get(2).name()).isEqualTo("Alpen Immobilien AG");
        assertThat(app.accounts().get(2).timeZone().getId()).isEqualTo("Europe/Vienna");
        app.accounts().setDatadumpEnabled(1, true);

        DumpResult one = app.engine().dump(1, RunTrigger.CLI, DumpEvents.NONE);
        Path dir = ((FileStorage) app.storage()).root().resolve(one.run().storagePrefix());
        assertThat(Files.readString(dir.resolve("customers.json")))
                .isEqualTo("[\n"
                        + "{\"id\":101,\"first_name\":\"Max\",\"last_name\":\"Mustermann\",\"email\":\"max@example.com\","
                        + "\"created_at\":\"2024-03-01T09:30:00\",\"budget\":450000,\"newsletter\":true},\n"
                        + "{\"id\":102,\"first_name\":null,\"last_name\":\"Schmidt\",\"email\":null,"
                        + "\"created_at\":\"2024-03-02T10:00:00.5\",\"budget\":null,\"newsletter\":null}\n"
                        + "]\n");
        assertThat(Files.readString(dir.resolve("listings.json")))
                .isEqualTo("[\n"
                        + "{\"id\":11,\"title\":\"Altbau mit Balkon\",\"price\":450000.00,\"number_of_rooms\":3.5,"
                        + "\"features\":[\"Balkon\",\"Aufzug\"],\"client_id\":101,\"available_from\":\"2024-06-01\"},\n"
                        + "{\"id\":12,\"title\":\"Baugrundstück\",\"price\":null,\"number_of_rooms\":null,"
                        + "\"features\":[],\"client_id\":null,\"available_from\":null}\n"
                        + "]\n");
        assertThat(one.manifest().table("customers").orElseThrow().customFields())
                .containsExactly("budget", "newsletter");

        DumpResult two = app.engine().dump(2, RunTrigger.CLI, DumpEvents.NONE);
        assertThat(two.manifest().table("customers").orElseThrow().customFields())
                .containsExactly("quelle");
        assertThat(two.manifest().table("listings").orElseThrow().rows()).isEqualTo(1);

        // served by the API like the built-in tables
        String key = app.apiKeys().create(1, "bi").secret();
        String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> customers = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/datadump/customers"))
                        .header("X-API-KEY", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(customers.statusCode()).isEqualTo(200);
        assertThat(customers.body()).isEqualTo(Files.readString(dir.resolve("customers.json")));
        JsonNode schema = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/datadump/customers/schema"))
                                .header("X-API-KEY", key)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(schema.get("properties").get("budget").get("type").toString())
                .contains("number");
        HttpResponse<String> index = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/datadump"))
                        .header("X-API-KEY", key)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(index.body()).get("tables").findValuesAsText("name"))
                .containsExactly("customers", "listings");
    }

    @Test
    void nothingIsEverWrittenToTheOperatorsDatabase() throws Exception {
        // the role the tests give datadump cannot write, and datadump refuses to try
        try (var c = DriverManager.getConnection(
                        sourceUrl, env.get("DATADUMP_SOURCE_USER"), env.get("DATADUMP_SOURCE_PASSWORD"));
                var st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("UPDATE immo.kunde SET vorname = 'x'"))
                    .hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> app.generator())
                .hasMessageContaining("never writes to")
                .hasMessageContaining("built-in CRM");
        assertThatThrownBy(() -> app.accounts().create("Neu GmbH", true))
                .hasMessageContaining("accounts enable --account");
        assertThatThrownBy(
                        () -> app.customFields().define(1, "customers", "x", null, CustomFieldType.STRING, List.of()))
                .hasMessageContaining("never writes to it");
        // the source session itself is read-only, whatever the role may do
        assertThatThrownBy(() -> app.source().update("CREATE TEMP TABLE t (x int)"))
                .hasMessageContaining("read-only transaction");
        CliRunner.Outcome generate = CliRunner.run(env, "generate", "--account", "1");
        assertThat(generate.exitCode()).isNotZero();
        assertThat(generate.err().strip())
                .startsWith("error: the source is an operator's database")
                .doesNotContain("\n");
        assertThat(CliRunner.run(env, "catalog", "check").out()).contains("2 tables, 2 tenants");
    }

    @Test
    void aBrokenCatalogIsRefusedNamingItsFile() throws Exception {
        assertRefused(
                dir -> edit(dir, "listings.sql", s -> s.replace("FROM objekt o", "FROM objekte_alt o")),
                "listings.sql does not run on the source: relation \"objekte_alt\" does not exist");
        assertRefused(
                dir -> edit(dir, "customers.sql", s -> s.replace("k.vorname", "k.vornam")),
                "customers.sql does not run on the source: column k.vornam does not exist");
        assertRefused(
                dir -> edit(dir, "listings.sql", s -> s.replace("WHERE o.firma_nr = :account_id", "")),
                "listings.sql does not use the tenant parameter :account_id");
        assertRefused(
                dir -> edit(dir, "index.txt", s -> s + "customers Kunden, noch einmal\n"),
                "index.txt line 4: table 'customers' is listed twice (also on line 2)");
        assertRefused(
                dir -> edit(dir, "listings.sql", s -> "DELETE FROM objekt WHERE firma_nr = :account_id"),
                "listings.sql must be a SELECT (or WITH … SELECT), not a statement starting with 'DELETE'");
        assertRefused(
                dir -> edit(dir, "listings.sql", s -> s + ";\nDROP TABLE objekt"),
                "listings.sql holds more than one statement");
        assertRefused(
                dir -> edit(
                        dir,
                        "listings.sql",
                        s ->
                                "WITH gone AS (DELETE FROM objekt RETURNING *) SELECT * FROM gone WHERE firma_nr = :account_id"),
                "listings.sql contains 'DELETE', which writes");
        assertRefused(
                dir -> edit(dir, "listings.sql", s -> s.replace("o.objekt_nr AS id", "o.objekt_nr AS nr")),
                "listings.sql has no column 'id'");
        assertRefused(dir -> Files.delete(dir.resolve("tenants.sql")), "tenants.sql is missing");
        assertRefused(
                dir -> edit(dir, "customers.fields.sql", s -> s.replace("f.feldtyp AS type", "f.feldtyp")),
                "customers.fields.sql has no column 'type'");
        // a tenant's custom field may not shadow a built-in key
        TestDatabases.execute(
                sourceUrl, "INSERT INTO immo.feld VALUES (1, 'kunde', 'email', 'string', 3, 'Zweite E-Mail')");
        try {
            app.accounts().setDatadumpEnabled(1, true);
            assertThatThrownBy(() -> app.checkCatalog())
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("customers.fields.sql: tenant 1's custom field 'email' collides with the"
                            + " built-in field 'email' of customers");
            // a start checks the queries only: one tenant's field does not stop the node for every other tenant
            app.checkCatalogQueries();
            assertThatThrownBy(() -> app.engine().dump(1, RunTrigger.CLI, DumpEvents.NONE))
                    .hasMessageContaining("collides with the built-in field 'email'");
            CliRunner.Outcome dump = CliRunner.run(env, "dump", "--account", "1");
            assertThat(dump.exitCode()).isNotZero();
            assertThat(dump.err()).contains("collides with the built-in field 'email'");
        } finally {
            TestDatabases.execute(sourceUrl, "DELETE FROM immo.feld WHERE feldname = 'email'");
        }
    }

    interface Edit {
        void apply(Path dir) throws Exception;
    }

    /** A copy of the example catalog, edited, is refused by its static check or by the check against the source. */
    private static void assertRefused(Edit edit, String message) throws Exception {
        Path dir = Files.createTempDirectory("catalog");
        try (Stream<Path> files = Files.list(EXAMPLE.resolve("catalog"))) {
            for (Path f : files.toList())
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        edit.apply(dir);
        assertThatThrownBy(() -> new CatalogCheck(TableCatalog.load(dir), app.source()).run(List.of(1L, 2L)))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining(dir.resolve("x").getParent() + "/")
                .hasMessageContaining(message);
        // and nothing starts on it
        Map<String, String> broken = new HashMap<>(env);
        broken.put("DATADUMP_CATALOG", dir.toString());
        CliRunner.Outcome dump = CliRunner.run(broken, "dump", "--account", "2");
        assertThat(dump.exitCode()).as(dump.err()).isNotZero();
        assertThat(dump.err()).contains(message);
    }

    private static void edit(Path dir, String file, UnaryOperator<String> change) throws Exception {
        Path p = dir.resolve(file);
        Files.writeString(p, change.apply(Files.readString(p)));
    }
}
