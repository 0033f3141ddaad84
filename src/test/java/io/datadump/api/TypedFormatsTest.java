package io.datadump.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunTrigger;
import io.datadump.schema.CustomFieldType;
import io.datadump.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parquet and xlsx of every table, read by readers that share no code with datadump: DuckDB (its own C++ Parquet
 * reader) and Apache POI. Each column's type is the one its JSON Schema says, also where every value is null, and each
 * value equals the JSON's, row for row.
 */
class TypedFormatsTest {
    /** Numbers keep their exact text, as in the files (the consumer API test's reader). */
    static final ObjectMapper JSON = ConsumerApiTest.JSON;

    static final HttpClient http = ConsumerApiTest.http;
    static App app;
    static String base, key;
    static List<String> tables;
    static Connection duckdb;

    @BeforeAll
    static void start() throws Exception {
        app = TestDatabases.freshApp();
        long account = app.accounts().create("Typen GmbH", true).id();
        // a custom number field holding a text, as a CRM's free-form field can: no typed format can hold it
        app.customFields().define(account, "contacts", "cf_rooms", "Zimmer", CustomFieldType.NUMBER, List.of());
        app.generator().generate(account, GenerationPlan.forScale(1), 33, DemoDataGenerator.Progress.NONE);
        app.builtInCrm()
                .update(
                        "UPDATE contacts SET custom_fields = custom_fields || '{\"cf_rooms\": \"drei\"}'::jsonb"
                                + " WHERE id = (SELECT min(id) FROM contacts WHERE account_id = ?)",
                        account);
        app.builtInCrm()
                .update(
                        "UPDATE contacts SET custom_fields = custom_fields || '{\"cf_rooms\": 3.5}'::jsonb"
                                + " WHERE id = (SELECT max(id) FROM contacts WHERE account_id = ?)",
                        account);
        app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        key = app.apiKeys().create(account, "typed").secret();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
        tables = new ArrayList<>();
        JSON.readTree(api("/v1/datadump").body())
                .get("tables")
                .forEach(t -> tables.add(t.get("name").asText()));
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void stop() throws Exception {
        if (duckdb != null) duckdb.close();
        app.close();
    }

    @Test
    void parquetOfEveryTableHasTheSchemasTypesAndTheJsonsValues() throws Exception {
        int allNullColumns = 0;
        for (String table : tables) {
            JsonNode schema =
                    JSON.readTree(api("/v1/datadump/" + table + "/schema").body());
            JsonNode rows = JSON.readTree(download("/v1/datadump/" + table).body());
            Path file = Files.createTempFile(table, ".parquet");
            Files.write(
                    file, download("/v1/datadump/" + table + "?format=parquet").body());

            Map<String, String> types = new LinkedHashMap<>();
            try (Statement s = duckdb.createStatement();
                    ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
                while (rs.next()) types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
            List<String> names = new ArrayList<>();
            schema.get("properties").fieldNames().forEachRemaining(names::add);
            assertThat(types.keySet()).as(table + ": every key, id first").containsExactlyInAnyOrderElementsOf(names);
            if (names.contains("id"))
                assertThat(types.keySet().iterator().next()).isEqualTo("id");
            for (String name : names) {
                assertThat(types.get(name))
                        .as(table + "." + name)
                        .matches(duckTypeOf(schema.get("properties").get(name)));
                boolean allNull = true;
                for (JsonNode row : rows) allNull &= row.get(name).isNull();
                if (allNull && !rows.isEmpty()) allNullColumns++;
            }

            try (Statement s = duckdb.createStatement();
                    ResultSet rs = s.executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
                ResultSetMetaData md = rs.getMetaData();
                int r = 0;
                while (rs.next()) {
                    JsonNode row = rows.get(r++);
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        String name = md.getColumnLabel(c);
                        Object expected = expected(table, name, row.get(name), types.get(name));
                        assertThat(actual(rs, c, types.get(name)))
                                .as(table + " row " + row.get("id") + " " + name + " = " + row.get(name))
                                .isEqualTo(expected);
                    }
                }
                assertThat(r).as(table + " rows").isEqualTo(rows.size());
            }
            Files.delete(file);
        }
        assertThat(allNullColumns)
                .as("columns whose every value is null, typed all the same")
                .isGreaterThan(5);
    }

    /** The portal's DuckDB snippet for JSON: read_json with the schema's types, the same as Parquet's, every day. */
    @Test
    void theDuckDbColumnsMapTypesTheJsonAsTheParquetIsTyped() throws Exception {
        long account = app.apiKeys().authenticate(key).orElseThrow().accountId();
        DumpRun run = app.runs().current(account).orElseThrow();
        for (String table : tables) {
            String columns = app.representations()
                    .duckDbColumns(
                            run, run.manifest().orElseThrow().table(table).orElseThrow());
            Path ndjson = Files.createTempFile(table, ".ndjson");
            Files.write(
                    ndjson, download("/v1/datadump/" + table + "?format=ndjson").body());
            Path parquet = Files.createTempFile(table, ".parquet");
            Files.write(
                    parquet,
                    download("/v1/datadump/" + table + "?format=parquet").body());
            String json = "read_json('" + ndjson + "', format = 'newline_delimited', columns = " + columns + ")";
            Map<String, String> fromJson = describe(json), fromParquet = new LinkedHashMap<>();
            describe("read_parquet('" + parquet + "')")
                    .forEach((name, type) ->
                            fromParquet.put(name, type.replace("TIMESTAMP WITH TIME ZONE", "TIMESTAMP")));
            assertThat(fromJson).as(table).containsExactlyInAnyOrderEntriesOf(fromParquet);
            try (Statement s = duckdb.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM " + json)) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as(table + ": every row parses")
                        .isEqualTo(
                                JSON.readTree(download("/v1/datadump/" + table).body())
                                        .size());
            }
            Files.delete(ndjson);
            Files.delete(parquet);
        }
    }

    static Map<String, String> describe(String relation) throws Exception {
        Map<String, String> types = new LinkedHashMap<>();
        try (Statement s = duckdb.createStatement();
                ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + relation)) {
            while (rs.next()) types.put(rs.getString("column_name"), rs.getString("column_type"));
        }
        return types;
    }

    @Test
    void decimalsKeepTheirPrecisionAndScale() throws Exception {
        Path file = Files.createTempFile("contacts", ".parquet");
        Files.write(file, download("/v1/datadump/contacts?format=parquet").body());
        try (Statement s = duckdb.createStatement();
                ResultSet rs = s.executeQuery("SELECT typeof(equity), typeof(cf_rooms), typeof(created_at)"
                        + " FROM read_parquet('" + file + "') LIMIT 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("DECIMAL(14,2)");
            assertThat(rs.getString(2)).isEqualTo("DOUBLE");
            assertThat(rs.getString(3)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
        Files.delete(file);
    }

    @Test
    void xlsxOfEveryTableHasTypedCellsAFrozenFilteredHeaderAndTheJsonsValues() throws Exception {
        for (String table : tables) {
            JsonNode schema =
                    JSON.readTree(api("/v1/datadump/" + table + "/schema").body());
            JsonNode rows = JSON.readTree(download("/v1/datadump/" + table).body());
            HttpResponse<byte[]> xlsx = download("/v1/datadump/" + table + "?format=xlsx");
            assertThat(xlsx.headers().firstValue("Content-Type").orElseThrow())
                    .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
                XSSFSheet sheet = workbook.getSheetAt(0);
                assertThat(sheet.getSheetName()).isEqualTo(table);
                assertThat(sheet.getPaneInformation().getHorizontalSplitPosition())
                        .as("the header stays in view")
                        .isEqualTo((short) 1);
                assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).startsWith("A1:");
                Row header = sheet.getRow(0);
                List<String> names = new ArrayList<>();
                header.forEach(cell -> names.add(cell.getStringCellValue()));
                assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex())
                                .getBold())
                        .isTrue();
                assertThat(sheet.getLastRowNum()).as(table + " rows").isEqualTo(rows.size());
                for (int r = 1; r <= rows.size(); r++) {
                    JsonNode row = rows.get(r - 1);
                    for (int c = 0; c < names.size(); c++) {
                        String name = names.get(c);
                        JsonNode property = schema.get("properties").get(name);
                        Cell cell = sheet.getRow(r).getCell(c);
                        assertCell(table + " row " + row.get("id") + " " + name, cell, property, row.get(name));
                    }
                }
            }
        }
    }

    @Test
    void aTableOverExcelsRowsIsRefusedWithWhatToUseInstead() throws Exception {
        long big = app.accounts().create("Viele Merkmale GmbH", true).id();
        app.builtInCrm()
                .update(
                        "INSERT INTO groups (account_id, name) SELECT ?, 'Merkmal ' || i FROM generate_series(1, 1048576) i",
                        big);
        app.engine().dump(big, RunTrigger.CLI, DumpEvents.NONE);
        String bigKey = app.apiKeys().create(big, "big").secret();
        HttpResponse<byte[]> r = get(base + "/v1/datadump/groups?format=xlsx", "X-API-KEY", bigKey);
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("too_many_rows_for_xlsx");
        assertThat(body.get("message").asText()).contains("1,048,576 rows").contains("parquet");
        assertThat(get(base + "/v1/datadump/client_sources?format=xlsx", "X-API-KEY", bigKey)
                        .statusCode())
                .as("the other tables of that dump")
                .isEqualTo(302);
    }

    /** The DuckDB type a column's JSON Schema stands for. */
    static String duckTypeOf(JsonNode property) {
        JsonNode type = property.get("type");
        if (type == null) return "JSON";
        String t = type.isArray() ? type.get(0).asText() : type.asText();
        return switch (t) {
            case "integer" -> "INTEGER|BIGINT";
            case "number" -> "DECIMAL\\(\\d+,\\d+\\)|DOUBLE|FLOAT";
            case "boolean" -> "BOOLEAN";
            case "array" ->
                "(" + duckTypeOf(property.get("items").has("type") ? property.get("items") : STRING) + ")\\[\\]";
            default -> {
                if ("date".equals(property.path("format").asText())) yield "DATE";
                if (property.has("pattern")
                        || "date-time".equals(property.path("format").asText())) yield "TIMESTAMP WITH TIME ZONE";
                yield "VARCHAR";
            }
        };
    }

    static final JsonNode STRING = JSON.createObjectNode().put("type", "string");

    /** The JSON value as DuckDB should give it back, in the same Java form {@link #actual} gives. */
    static Object expected(String table, String name, JsonNode json, String duckType) throws Exception {
        if (json.isNull()) return null;
        if (table.equals("contacts") && name.equals("cf_rooms") && json.isTextual()) {
            return null; // a text in a number field: null in Parquet, kept in the JSON
        }
        if (duckType.endsWith("[]")) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : json)
                items.add(expected(table, name, item, duckType.substring(0, duckType.length() - 2)));
            return items;
        }
        if (duckType.startsWith("DECIMAL")) return json.decimalValue();
        return switch (duckType) {
            case "INTEGER", "BIGINT" -> json.asLong();
            case "DOUBLE", "FLOAT" -> json.asDouble();
            case "BOOLEAN" -> json.asBoolean();
            case "DATE" -> LocalDate.parse(json.asText());
            case "TIMESTAMP WITH TIME ZONE" ->
                LocalDateTime.parse(json.asText()).atOffset(ZoneOffset.UTC).toInstant();
            case "JSON" -> json;
            default -> json.asText();
        };
    }

    static Object actual(ResultSet rs, int c, String duckType) throws Exception {
        Object value = rs.getObject(c);
        if (value == null) return null;
        if (duckType.endsWith("[]")) {
            Object[] items = (Object[]) ((Array) value).getArray();
            List<Object> out = new ArrayList<>();
            String element = duckType.substring(0, duckType.length() - 2);
            for (Object item : items) out.add(item == null ? null : normalise(item, element));
            return out;
        }
        if (duckType.equals("TIMESTAMP WITH TIME ZONE"))
            return rs.getObject(c, OffsetDateTime.class).toInstant();
        if (duckType.equals("DATE")) return LocalDate.parse(rs.getString(c));
        return normalise(value, duckType);
    }

    static Object normalise(Object value, String duckType) throws Exception {
        if (duckType.startsWith("DECIMAL")) return value;
        return switch (duckType) {
            case "INTEGER", "BIGINT" -> ((Number) value).longValue();
            case "DOUBLE", "FLOAT" -> ((Number) value).doubleValue();
            case "JSON" -> JSON.readTree(value.toString());
            case "BOOLEAN" -> value;
            default -> value instanceof String ? value : value.toString();
        };
    }

    /** One xlsx cell against the JSON value and the column's schema. */
    static void assertCell(String what, Cell cell, JsonNode property, JsonNode json) throws Exception {
        if (json.isNull() || (what.endsWith(" cf_rooms") && json.isTextual())) {
            assertThat(cell == null || cell.getCellType() == CellType.BLANK)
                    .as(what)
                    .isTrue();
            return;
        }
        String duckType = duckTypeOf(property);
        if (duckType.endsWith("\\[\\]")) {
            List<String> items = new ArrayList<>();
            json.forEach(item -> items.add(item.isNull() ? "" : item.asText()));
            assertThat(cell.getCellType()).as(what).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).as(what).isEqualTo(String.join(", ", items));
            return;
        }
        switch (duckType) {
            case "INTEGER|BIGINT", "DECIMAL\\(\\d+,\\d+\\)|DOUBLE|FLOAT" -> {
                assertThat(cell.getCellType()).as(what).isEqualTo(CellType.NUMERIC);
                assertThat(BigDecimal.valueOf(cell.getNumericCellValue()))
                        .as(what)
                        .isEqualByComparingTo(json.decimalValue());
            }
            case "BOOLEAN" -> assertThat(cell.getBooleanCellValue()).as(what).isEqualTo(json.asBoolean());
            case "DATE" -> {
                assertThat(DateUtil.isCellDateFormatted(cell)).as(what).isTrue();
                assertThat(cell.getLocalDateTimeCellValue().toLocalDate())
                        .as(what)
                        .isEqualTo(LocalDate.parse(json.asText()));
            }
            case "TIMESTAMP WITH TIME ZONE" -> {
                assertThat(DateUtil.isCellDateFormatted(cell)).as(what).isTrue();
                LocalDateTime expected = LocalDateTime.parse(json.asText());
                assertThat(Math.abs(ChronoUnit.MICROS.between(expected, cell.getLocalDateTimeCellValue())))
                        .as(what + ": Excel keeps milliseconds")
                        .isLessThanOrEqualTo(1000);
            }
            case "JSON" -> {
                assertThat(cell.getCellType()).as(what).isEqualTo(CellType.STRING);
                assertThat(JSON.readTree(cell.getStringCellValue())).as(what).isEqualTo(json);
            }
            default -> {
                assertThat(cell.getCellType())
                        .as(what + ": text, never a formula")
                        .isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).as(what).isEqualTo(json.asText());
            }
        }
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base + url : url))
                .timeout(Duration.ofSeconds(60));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> api(String path) throws Exception {
        return get(base + path, "X-API-KEY", key);
    }

    static HttpResponse<byte[]> download(String path) throws Exception {
        HttpResponse<byte[]> r = api(path);
        assertThat(r.statusCode())
                .as(path + ": " + new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(302);
        return get(r.headers().firstValue("Location").orElseThrow());
    }
}
