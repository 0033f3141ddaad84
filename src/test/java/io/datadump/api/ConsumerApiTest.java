package io.datadump.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.Manifest;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import io.datadump.schema.RowSchemas;
import io.datadump.support.TestDatabases;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the people who load the dump use: history, formats, columns, the changes feed, schemas, plain links. */
class ConsumerApiTest {
    /** Numbers keep their exact text, as in the files. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    static App app;
    static String base, key;
    static long account;
    static Manifest first, second;

    @BeforeAll
    static void start() throws Exception {
        app = TestDatabases.freshApp(Map.of("DATADUMP_RETENTION_DAILY", "7", "DATADUMP_SECRETS_KEY", "ef".repeat(32)));
        account = app.accounts().create("Loader GmbH", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 21, DemoDataGenerator.Progress.NONE);
        first = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).manifest();
        change();
        second = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).manifest();
        key = app.apiKeys().create(account, "loader").secret();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
    }

    /** Inserts, updates, soft-deletes and hard-deletes rows in several tables between the two dumps. */
    static void change() {
        var j = app.builtInCrm();
        long a = account;
        j.update(
                "UPDATE contacts SET first_name = 'Geändert', updated_at = updated_at + interval '1 day'"
                        + " WHERE id IN (SELECT id FROM contacts WHERE account_id = ? ORDER BY id LIMIT 5)",
                a);
        j.update(
                "UPDATE contacts SET deleted_at = '2026-11-28 10:00:00'"
                        + " WHERE id IN (SELECT id FROM contacts WHERE account_id = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT 3)",
                a);
        j.update(
                "INSERT INTO contacts (account_id, first_name, last_name, created_at, updated_at)"
                        + " VALUES (?, 'Neu', 'Kontakt', '2026-11-28 11:00:00', '2026-11-28 11:00:00')",
                a);
        j.update("DELETE FROM notes WHERE id IN (SELECT id FROM notes WHERE account_id = ? ORDER BY id LIMIT 4)", a);
        j.update(
                "UPDATE notes SET body = '<p>neu</p>' WHERE id IN (SELECT id FROM notes WHERE account_id = ? ORDER BY id DESC LIMIT 2)",
                a);
        j.update("DELETE FROM images WHERE id IN (SELECT id FROM images WHERE account_id = ? ORDER BY id LIMIT 2)", a);
        j.update(
                "UPDATE properties SET price = price + 1000 WHERE id IN (SELECT id FROM properties WHERE account_id = ? AND price IS NOT NULL ORDER BY id LIMIT 3)",
                a);
        j.update("INSERT INTO groups (account_id, name) VALUES (?, 'Neues Merkmal')", a);
        j.update(
                "DELETE FROM client_sources WHERE id = (SELECT max(id) FROM client_sources s WHERE account_id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM contacts c WHERE c.client_source_id = s.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.client_source_id = s.id))",
                a);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        // file links are relative to the server unless DATADUMP_PUBLIC_URL is set
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base + url : url))
                .timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> api(String path, String... headers) throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "X-API-KEY";
        all[headers.length + 1] = key;
        return get(base + path, all);
    }

    /** Follows the API's redirect to the file. */
    static HttpResponse<byte[]> download(String path, String... headers) throws Exception {
        HttpResponse<byte[]> r = api(path, headers);
        assertThat(r.statusCode())
                .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(302);
        return get(r.headers().firstValue("Location").orElseThrow());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    // ---------------------------------------------------------------- history

    @Test
    void historyListsTheRetainedDumpsAndEveryRequestCanChooseOne() throws Exception {
        JsonNode history = json(api("/v1/datadump/dumps"));
        assertThat(history.get("dumps")).hasSize(2);
        assertThat(history.get("dumps").get(0).get("dump_id").asLong()).isEqualTo(second.dumpId());
        assertThat(history.get("dumps").get(1).get("dump_id").asLong()).isEqualTo(first.dumpId());
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        assertThat(history.get("dumps").get(0).get("date").asText()).isEqualTo(today);
        assertThat(history.get("dumps").get(0).get("tables")).hasSize(26);

        assertThat(json(api("/v1/datadump?dump=" + first.dumpId()))
                        .get("dump_id")
                        .asLong())
                .isEqualTo(first.dumpId());
        assertThat(json(api("/v1/datadump?date=" + today)).get("dump_id").asLong())
                .isEqualTo(second.dumpId());
        HttpResponse<byte[]> old = download("/v1/datadump/contacts?dump=" + first.dumpId());
        assertThat(sha256(old.body()))
                .isEqualTo(first.table("contacts").orElseThrow().sha256());

        HttpResponse<byte[]> unknown = api("/v1/datadump/contacts?date=2001-01-01");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).isEqualTo("unknown_dump");
        assertThat(json(unknown).get("oldest_retained").get("dump_id").asLong()).isEqualTo(first.dumpId());
        assertThat(api("/v1/datadump?dump=abc").statusCode()).isEqualTo(400);
        assertThat(api("/v1/datadump?date=29.11.2026").statusCode()).isEqualTo(400);
        assertThat(api("/v1/datadump?dump=1&date=" + today).statusCode()).isEqualTo(400);
    }

    @Test
    void theIndexCountsWhatChangedSinceThePreviousDump() throws Exception {
        Map<String, JsonNode> tables = new TreeMap<>();
        json(api("/v1/datadump"))
                .get("tables")
                .forEach(t -> tables.put(t.get("name").asText(), t));
        JsonNode contacts = tables.get("contacts").get("changes");
        assertThat(contacts.get("since_dump_id").asLong()).isEqualTo(first.dumpId());
        assertThat(contacts.get("added").asLong()).isEqualTo(1);
        assertThat(contacts.get("changed").asLong()).isEqualTo(8); // 5 renamed, 3 soft-deleted
        assertThat(contacts.get("deleted").asLong()).isZero();
        assertThat(tables.get("notes").get("changes").get("deleted").asLong()).isEqualTo(4);
        assertThat(tables.get("todos").get("changes").toString()).contains("\"added\":0,\"changed\":0,\"deleted\":0");
        assertThat(tables.get("contacts").get("schema_sha256").asText()).hasSize(64);
    }

    // ---------------------------------------------------------------- formats

    @Test
    void everyFormatOfEveryTableHoldsExactlyTheJsonFilesRowsAndValues() throws Exception {
        for (TableFile file : second.tables()) {
            String table = file.name();
            JsonNode rows = JSON.readTree(download("/v1/datadump/" + table).body());
            assertThat(rows.size()).as(table).isEqualTo((int) file.rows());

            HttpResponse<byte[]> ndjson = download("/v1/datadump/" + table + "?format=ndjson");
            assertThat(ndjson.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/x-ndjson");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : new String(ndjson.body(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isEmpty()) lines.add(JSON.readTree(line));
            }
            assertThat(lines).as(table + " ndjson").containsExactlyElementsOf(rows::elements);

            assertCsv(
                    table,
                    rows,
                    download("/v1/datadump/" + table + "?format=csv").body(),
                    false);
            assertCsv(
                    table,
                    rows,
                    download("/v1/datadump/" + table + "?format=csv-excel").body(),
                    true);
        }
    }

    static void assertCsv(String table, JsonNode rows, byte[] body, boolean excel) throws Exception {
        String text = new String(body, StandardCharsets.UTF_8);
        if (excel) {
            assertThat(text).as("BOM").startsWith("\uFEFF");
            text = text.substring(1);
        }
        assertThat(text).contains("\r\n");
        CSVFormat format = (excel ? CSVFormat.RFC4180.builder().setDelimiter(';') : CSVFormat.RFC4180.builder())
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        List<CSVRecord> records = format.parse(new StringReader(text)).getRecords();
        assertThat(records).as(table).hasSize(rows.size());
        for (int i = 0; i < records.size(); i++) {
            JsonNode row = rows.get(i);
            CSVRecord record = records.get(i);
            assertThat(record.getParser().getHeaderNames()).containsExactlyElementsOf(row::fieldNames);
            for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                var field = it.next();
                assertCell(table + "." + field.getKey(), field.getValue(), record.get(field.getKey()), excel);
            }
        }
    }

    static void assertCell(String what, JsonNode value, String cell, boolean excel) throws Exception {
        if (value.isNull()) assertThat(cell).as(what).isEmpty();
        else if (excel && value.isTextual() && value.asText().matches(RowSchemas.TIMESTAMP_PATTERN)) {
            // German Excel reads "2024-07-06 19:03:02" as a date-time, not the ISO form with T and a fraction
            assertThat(cell).as(what).isEqualTo(value.asText().substring(0, 19).replace('T', ' '));
        } else if (excel && value.isBoolean()) {
            assertThat(cell).as(what).isEqualTo(value.asBoolean() ? "WAHR" : "FALSCH");
        } else if (value.isTextual()) {
            // csv-excel makes a text Excel would run as a formula text, as OWASP says: a leading '
            boolean formula = excel
                    && !value.asText().isEmpty()
                    && "=+-@\t\r".indexOf(value.asText().charAt(0)) >= 0;
            assertThat(cell).as(what).isEqualTo((formula ? "'" : "") + value.asText());
        } else if (value.isBoolean()) assertThat(cell).as(what).isEqualTo(Boolean.toString(value.asBoolean()));
        else if (value.isNumber()) {
            if (excel && value.isFloatingPointNumber())
                assertThat(cell).as(what).doesNotContain(".");
            assertThat(new BigDecimal(excel ? cell.replace(',', '.') : cell))
                    .as(what)
                    .isEqualByComparingTo(value.decimalValue());
        } else assertThat(JSON.readTree(cell)).as(what).isEqualTo(value); // arrays and objects as JSON text
    }

    @Test
    void columnsKeepOnlyTheNamedKeysInTheirOrder() throws Exception {
        HttpResponse<byte[]> csv = download("/v1/datadump/contacts?format=csv&columns=last_name,id,email");
        String header = new String(csv.body(), StandardCharsets.UTF_8).split("\r\n")[0];
        assertThat(header).isEqualTo("last_name,id,email");
        JsonNode json = JSON.readTree(
                download("/v1/datadump/contacts?columns=id,first_name").body());
        assertThat(json.get(0).size()).isEqualTo(2);
        assertThat(json.get(0).fieldNames()).toIterable().containsExactly("id", "first_name");

        HttpResponse<byte[]> unknown = api("/v1/datadump/contacts?columns=id,vorname");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("error").asText()).isEqualTo("invalid_columns");
        assertThat(json(unknown).get("allowed").toString()).contains("\"first_name\"");
    }

    @Test
    void formatByAcceptHeaderAndRefusals() throws Exception {
        HttpResponse<byte[]> csv = download("/v1/datadump/groups", "Accept", "text/csv");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).startsWith("id,name\r\n");
        HttpResponse<byte[]> parquet =
                download("/v1/datadump/groups", "Accept", "application/vnd.apache.parquet, application/json;q=0.5");
        assertThat(new String(parquet.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        HttpResponse<byte[]> bad = api("/v1/datadump/groups?format=xls");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).isEqualTo("invalid_format");
        assertThat(json(bad).get("allowed").toString()).contains("csv-excel", "parquet", "xlsx");
        HttpResponse<byte[]> misplaced = api("/v1/datadump?format=csv");
        assertThat(misplaced.statusCode()).isEqualTo(400);
        assertThat(json(misplaced).get("error").asText()).isEqualTo("invalid_parameter");
        assertThat(api("/v1/datadump/groups?formt=csv").statusCode()).isEqualTo(400);
        assertThat(api("/v1/datadump/groups?redirect=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void aConvertedFormatHasItsOwnStrongEtagAndServesRanges() throws Exception {
        String link = api("/v1/datadump/contacts?format=csv")
                .headers()
                .firstValue("Location")
                .orElseThrow();
        HttpResponse<byte[]> whole = get(link);
        String etag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).isEqualTo("\"" + sha256(whole.body()) + "\"").doesNotStartWith("W/");
        assertThat(etag)
                .isNotEqualTo("\"" + second.table("contacts").orElseThrow().sha256() + "\"");
        assertThat(get(link, "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> part = get(link, "Range", "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole.body(), 10, 20));
        // the same request again is served from the stored conversion, byte for byte
        assertThat(get(api("/v1/datadump/contacts?format=csv")
                                .headers()
                                .firstValue("Location")
                                .orElseThrow())
                        .body())
                .isEqualTo(whole.body());
        // a link to the JSON cannot be turned into the CSV: the format is part of the signed path
        String jsonLink =
                api("/v1/datadump/contacts").headers().firstValue("Location").orElseThrow();
        String altered = jsonLink.replace("/contacts.json?", "/formats/contacts-all.csv?");
        assertThat(get(altered).statusCode()).isEqualTo(403);
    }

    @Test
    void redirectFalseAnswersTheLinkItself() throws Exception {
        HttpResponse<byte[]> r = api("/v1/datadump/contacts?redirect=false&format=ndjson");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode link = json(r);
        assertThat(link.get("format").asText()).isEqualTo("ndjson");
        assertThat(link.get("expires_at").asText()).isNotBlank();
        HttpResponse<byte[]> file = get(link.get("url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat((long) file.body().length).isEqualTo(link.get("bytes").asLong());
        assertThat(sha256(file.body())).isEqualTo(link.get("sha256").asText());
    }

    // ---------------------------------------------------------------- changes feed

    @Test
    void applyingTheChangesFeedToTheFirstDumpGivesTheSecondForEveryTable() throws Exception {
        for (TableFile file : second.tables()) {
            String table = file.name();
            TreeMap<Long, JsonNode> rows = new TreeMap<>();
            JSON.readTree(download("/v1/datadump/" + table + "?dump=" + first.dumpId())
                            .body())
                    .forEach(r -> rows.put(r.get("id").asLong(), r));
            HttpResponse<byte[]> feed = api("/v1/datadump/" + table + "/changes?since=" + first.dumpId());
            assertThat(feed.statusCode()).as(table).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
            for (String line : new String(feed.body(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) continue;
                JsonNode change = JSON.readTree(line);
                switch (change.get("op").asText()) {
                    case "upsert" -> rows.put(change.get("row").get("id").asLong(), change.get("row"));
                    case "delete" ->
                        assertThat(rows.remove(change.get("id").asLong()))
                                .as(table + " delete")
                                .isNotNull();
                    default -> throw new AssertionError(line);
                }
            }
            JsonNode expected = JSON.readTree(download("/v1/datadump/" + table).body());
            assertThat(new ArrayList<>(rows.values())).as(table).containsExactlyElementsOf(expected::elements);
        }
        // soft-deleted contacts come as upserts carrying deleted_at
        String contacts = new String(
                api("/v1/datadump/contacts/changes?since=" + first.dumpId()).body(), StandardCharsets.UTF_8);
        assertThat(contacts).contains("\"deleted_at\":\"2026-11-28T10:00:00\"");
        // since a date works too, and since the current dump is an empty feed
        String today = LocalDate.now(ZoneId.of("Europe/Berlin")).toString();
        assertThat(api("/v1/datadump/notes/changes?since=" + second.dumpId()).body())
                .isEmpty();
        assertThat(api("/v1/datadump/notes/changes?since=" + today).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aSinceThatIsNotRetainedAnswers410WithTheOldestRetained() throws Exception {
        HttpResponse<byte[]> gone = api("/v1/datadump/contacts/changes?since=2001-01-01");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(json(gone).get("error").asText()).isEqualTo("since_not_retained");
        assertThat(json(gone).get("oldest_retained").get("dump_id").asLong()).isEqualTo(first.dumpId());
        HttpResponse<byte[]> never = api("/v1/datadump/contacts/changes?since=999999");
        assertThat(never.statusCode())
                .as("a dump that never existed is unknown, not gone")
                .isEqualTo(404);
        assertThat(json(never).get("error").asText()).isEqualTo("unknown_dump");
        HttpResponse<byte[]> future = api("/v1/datadump/contacts/changes?since=2099-01-01");
        assertThat(future.statusCode()).isEqualTo(404);
        assertThat(api("/v1/datadump/contacts/changes").statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- schemas

    @Test
    void eachTablesSchemaValidatesEveryRowOfItsFileAndRejectsAWrongType() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (TableFile file : second.tables()) {
            String table = file.name();
            HttpResponse<byte[]> r = api("/v1/datadump/" + table + "/schema");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/schema+json");
            assertThat(r.headers().firstValue("ETag")).hasValue("\"" + file.schemaSha256() + "\"");
            JsonNode schemaJson = json(r);
            assertThat(schemaJson.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schemaJson.get("x-primary-key").get(0).asText()).isEqualTo("id");
            for (String custom : file.customFields()) {
                assertThat(schemaJson
                                .get("properties")
                                .get(custom)
                                .get("x-custom-field")
                                .asBoolean())
                        .isTrue();
            }
            JsonSchema schema = factory.getSchema(schemaJson);
            JsonNode rows = JSON.readTree(download("/v1/datadump/" + table).body());
            for (JsonNode row : rows) {
                assertThat(schema.validate(row)).as(table + " " + row.get("id")).isEmpty();
            }
            ObjectNode wrong = ((ObjectNode) rows.get(0).deepCopy()).put("id", "not a number");
            assertThat(schema.validate(wrong)).as(table).isNotEmpty();
        }
        JsonNode contacts = json(api("/v1/datadump/contacts/schema"));
        assertThat(contacts.get("properties").get("dob").get("format").asText()).isEqualTo("date");
        assertThat(contacts.get("properties").get("created_at").get("pattern").asText())
                .contains("T");
        assertThat(contacts.get("x-cursor-field").asText()).isEqualTo("updated_at");
    }

    // ---------------------------------------------------------------- OpenAPI

    @Test
    void theOpenApiDocumentParsesAndTheAnswersConformToIt() throws Exception {
        HttpResponse<byte[]> r = get(base + "/v1/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        String text = new String(r.body(), StandardCharsets.UTF_8);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, null);
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths().keySet())
                .contains(
                        "/health",
                        "/v1/datadump",
                        "/v1/datadump/dumps",
                        "/v1/datadump/destinations",
                        "/v1/datadump/{table}",
                        "/v1/datadump/{table}/changes",
                        "/v1/datadump/{table}/schema",
                        "/v1/datadump/runs",
                        "/v1/datadump/runs/{id}",
                        "/v1/files/accounts/{account}/dumps/{dump}/{file}",
                        "/v1/files/accounts/{account}/dumps/{dump}/formats/{file}",
                        "/v1/openapi.json");
        assertThat(api.getComponents().getSecuritySchemes()).containsKeys("apiKeyHeader", "apiKeyQuery", "bearer");
        assertThat(api.getComponents().getSchemas()).containsKey("Row_contacts");

        JsonNode doc = JSON.readTree(text);
        assertConforms(doc, "DumpIndex", json(api("/v1/datadump")));
        assertConforms(doc, "History", json(api("/v1/datadump/dumps")));
        assertConforms(doc, "Link", json(api("/v1/datadump/contacts?redirect=false")));
        assertConforms(doc, "Error", json(get(base + "/v1/datadump", "X-API-KEY", "dd_wrong")));
        assertConforms(doc, "Error", json(api("/v1/datadump/contacts/changes?since=2001-01-01")));
        assertConforms(doc, "Health", json(get(base + "/health")));
        var nas = app.destinations()
                .add(
                        account,
                        new io.datadump.delivery.Destinations.NewDestination(
                                "nas",
                                new io.datadump.delivery.Destination.Sftp(
                                        "nas.example.com",
                                        22,
                                        "backup",
                                        "SHA256:" + "C".repeat(43),
                                        "/share/datadump",
                                        io.datadump.delivery.Destination.SftpAuth.PASSWORD),
                                "nas-secret-42",
                                List.of(io.datadump.formats.Format.CSV, io.datadump.formats.Format.PARQUET),
                                true,
                                List.of("contacts"),
                                java.util.Optional.of(30)));
        app.deliveries().queue(nas, app.runs().current(account).orElseThrow().id());
        JsonNode destinations = json(api("/v1/datadump/destinations"));
        assertConforms(doc, "DestinationList", destinations);
        assertThat(destinations.get("destinations").get(0).get("target").asText())
                .isEqualTo("sftp://backup@nas.example.com//share/datadump");
        assertThat(destinations
                        .get("destinations")
                        .get(0)
                        .get("deliveries")
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("queued");
        assertThat(destinations.toString()).doesNotContain("nas-secret-42");
        for (TableFile file : second.tables()) {
            JsonNode rows =
                    JSON.readTree(download("/v1/datadump/" + file.name()).body());
            assertConforms(doc, "Row_" + file.name(), rows.get(0));
        }
        String feed = new String(
                api("/v1/datadump/notes/changes?since=" + first.dumpId()).body(), StandardCharsets.UTF_8);
        for (String line : feed.split("\n")) if (!line.isEmpty()) assertConforms(doc, "Change", JSON.readTree(line));
    }

    @Test
    void realRequestsAndTheFileLinksTheServerIssuesMatchTheOpenApiDocument() throws Exception {
        OpenApiRequests document = new OpenApiRequests(json(get(base + "/v1/openapi.json")));
        String[] requests = {
            "/v1/datadump/contacts?redirect=false",
            "/v1/datadump/contacts?format=parquet&redirect=false",
            "/v1/datadump/deals?format=csv-excel&columns=id,price&dump=" + first.dumpId() + "&redirect=false",
            "/v1/datadump/notes/changes?since=" + first.dumpId(),
            "/v1/datadump/contacts/schema",
            "/v1/datadump/dumps",
            "/v1/datadump/runs/" + second.dumpId(),
        };
        List<String> fileTemplates = new ArrayList<>();
        for (String request : requests) {
            HttpResponse<byte[]> answer = api(request);
            assertThat(answer.statusCode()).as(request).isEqualTo(200);
            document.assertConforms("GET", URI.create(base + request));
            if (!request.contains("redirect=false")) continue;

            URI link = URI.create(base + json(answer).get("url").asText());
            fileTemplates.add(document.assertConforms("GET", link));
            assertThat(get(link.toString()).statusCode()).isEqualTo(200);
            HttpResponse<Void> head = http.send(
                    HttpRequest.newBuilder(link)
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            document.assertConforms("HEAD", link);
            HttpResponse<byte[]> post = http.send(
                    HttpRequest.newBuilder(link)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(json(post).get("error").asText()).isEqualTo("method_not_allowed");
        }
        assertThat(fileTemplates)
                .containsExactly(
                        "/v1/files/accounts/{account}/dumps/{dump}/{file}",
                        "/v1/files/accounts/{account}/dumps/{dump}/formats/{file}",
                        "/v1/files/accounts/{account}/dumps/{dump}/formats/{file}");
    }

    /** Validates a body against a component schema of the document (refs resolve within the document). */
    static void assertConforms(JsonNode doc, String component, JsonNode body) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", doc.get("components"));
        root.put("$ref", "#/components/schemas/" + component);
        JsonSchema schema =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        assertThat(schema.validate(body)).as(component + ": " + body).isEmpty();
    }
}
