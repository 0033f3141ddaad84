package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.datadump.App;
import io.datadump.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The dump's JSON is PostgreSQL's own row_to_json, for every type and every awkward value, parsed from COPY text. */
class JsonRowsTest {
    static App app;
    // numbers as BigDecimal: 500000.00 prints as 500000.00, so a lost scale shows in the text comparison
    static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** One row of every kind of value, one row of NULLs, one of empty values. */
    static final String AWKWARD = """
            SELECT * FROM (VALUES
              (1, 32767::int2, 2147483647::int4, 9223372036854775807::int8, 500000.00::numeric, 'NaN'::numeric, -0.000001::numeric,
               1.5::float8, 'Infinity'::float8, '-Infinity'::float4, 0.1::float4, true, false,
               E'tab\\there, newline\\nthere, cr\\r, backslash \\\\ quote " ctrl \\u0001 del \\u007f Müller 😀 \\\\N', 'plain'::varchar(20),
               'ab'::char(5), '2024-02-29 23:59:59.123456'::timestamp, '2024-05-01 10:00:00+02'::timestamptz, 'infinity'::timestamp,
               '2024-05-31'::date, '6f1c2a4e-0000-4000-8000-000000000001'::uuid, '1 day 02:03:04'::interval, '\\x00ff10'::bytea,
               ' { "a" :  [1, 2.50, "x\\ty"] ,"b": null } '::json, '{"k": "v \\"q\\" \\\\ \\n", "n": [1.0, {"z": true}]}'::jsonb,
               '"just a string with \\"quotes\\" and \\\\"'::jsonb, '12.50'::jsonb, 'null'::jsonb,
               ARRAY[1, NULL, 3]::int8[], ARRAY['a,b', '"quoted"', 'back\\slash', 'NULL', NULL, '', '{brace}', 'tab	in', 'Ü 😀']::text[],
               '{{1,2},{3,4}}'::int4[], '[0:1]={7,8}'::int4[], ARRAY['2024-01-01 10:00:00']::timestamp[], ARRAY[true, false]::bool[],
               ARRAY['{"a": 1}', '[1, "x"]']::jsonb[], ARRAY[1.50, NULL]::numeric[], '{}'::int4[], ARRAY['2024-05-31']::date[]),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
              (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, true, true, '', '', '', '2000-01-01', '2000-01-01', '-infinity', '2000-01-01',
               '00000000-0000-0000-0000-000000000000', '0', '\\x', '[]', '{}', '""', '0', '[]', '{}', '{}', '{}', '{}', '{}', '{}', '{}',
               '{}', '{}', '{}')
            ) AS t(id, i2, i4, i8, num, num_nan, num_small, f8, f8_inf, f4_neg_inf, f4, yes, no, txt, vc, bp, ts, tstz, ts_inf,
                   d, u, iv, bin, js, jb, jb_string, jb_number, jb_null, a_int8, a_text, a_2d, a_bounds, a_ts, a_bool, a_jsonb,
                   a_numeric, a_empty, a_date)
            ORDER BY id""";

    @BeforeAll
    static void setUp() {
        app = TestDatabases.freshApp();
    }

    @AfterAll
    static void tearDown() {
        app.close();
    }

    @Test
    void everyTypeAndAwkwardValueIsWhatRowToJsonMakesOfIt() throws Exception {
        for (String zone :
                List.of("UTC", "Asia/Kolkata", "America/St_Johns")) { // whole-hour, half-hour and negative offsets
            try (Connection c = app.database().connection()) {
                try (var st = c.createStatement()) {
                    st.execute("SET TimeZone = '" + zone + "'");
                }
                String dumped = dump(c, AWKWARD);
                JsonNode ours = EXACT.readTree(dumped);
                JsonNode theirs = rowToJson(c, AWKWARD);
                assertThat(ours.size()).isEqualTo(3);
                for (int i = 0; i < ours.size(); i++) {
                    // compared as re-serialized text: key order and the scale of every number count
                    assertThat(ours.get(i).toString())
                            .as(zone + " row " + i)
                            .isEqualTo(theirs.get(i).toString());
                }
                assertThat(dumped).contains("\"num\":500000.00,").contains("\"txt\":\"tab\\there, newline\\nthere");
                assertThat(dumped.lines().skip(1).limit(3)).allMatch(l -> l.startsWith("{\"id\":")); // one row per line
            } finally {
                try (Connection c = app.database().connection();
                        var st = c.createStatement()) {
                    st.execute("RESET TimeZone");
                }
            }
        }
    }

    /**
     * Text columns go from COPY's escapes straight to JSON's: every control byte, quotes, backslashes and the escapes
     * COPY and JSON share or do not share (\v) come out as the very bytes row_to_json writes, not merely as JSON that
     * parses the same.
     */
    @Test
    void textIsTheSameBytesAsRowToJson() throws Exception {
        String query = """
                SELECT i AS id, chr(i) || 'x"y\\z' || chr(i) AS txt, ARRAY[chr(i), 'a"b'] AS arr, chr(i)::varchar AS vc
                FROM generate_series(1, 127) i
                UNION ALL SELECT 200, E'Müller \\N \\\\ \\t \\v 😀 \\u2028', ARRAY[E'\\\\'], '"' ORDER BY id""";
        try (Connection c = app.database().connection()) {
            List<String> ours = dump(c, query)
                    .lines()
                    .skip(1)
                    .filter(l -> l.startsWith("{"))
                    .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l)
                    .toList();
            List<String> theirs = new ArrayList<>();
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT row_to_json(q)::text FROM (" + query + ") q")) {
                while (rs.next()) theirs.add(rs.getString(1));
            }
            assertThat(ours).hasSize(128).isEqualTo(theirs);
            assertThat(String.join("\n", ours)).contains("\\u001b", "\\u000b", "\\\"");
        }
    }

    @Test
    void anEmptyResultIsAnEmptyArray() throws Exception {
        try (Connection c = app.database().connection()) {
            assertThat(dump(c, "SELECT 1 AS id WHERE false")).isEqualTo("[\n]\n");
        }
    }

    @Test
    void rowsSplitAnywhereAcrossChunksParseTheSame() throws Exception {
        byte[] copyText;
        List<List<String>> expected = new ArrayList<>();
        int columns;
        try (Connection c = app.database().connection()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + AWKWARD + ") TO STDOUT", out);
            copyText = out.toByteArray();
            try (var st = c.createStatement();
                    ResultSet rs = st.executeQuery(AWKWARD)) {
                columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) row.add(rs.getString(i));
                    expected.add(row);
                }
            }
        }
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int maxChunk = round == 0 ? copyText.length : 1 + random.nextInt(round < 100 ? 8 : 400);
            int[] position = {0};
            CopyRows rows = new CopyRows(
                    () -> {
                        if (position[0] == copyText.length) return null;
                        int n = Math.min(copyText.length - position[0], 1 + random.nextInt(maxChunk));
                        byte[] chunk = Arrays.copyOfRange(copyText, position[0], position[0] + n);
                        position[0] += n;
                        return chunk;
                    },
                    columns);
            List<List<String>> parsed = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 0; i < columns; i++)
                    row.add(rows.isNull(i) ? null : rows.value(i).getValue());
                parsed.add(row);
            }
            assertThat(parsed).as("chunks of at most %d bytes", maxChunk).isEqualTo(expected);
        }
    }

    static String dump(Connection c, String query) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRows.copy(c, query, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** PostgreSQL's own rendering of the same rows, as a JSON array. */
    static JsonNode rowToJson(Connection c, String query) throws Exception {
        var array = EXACT.createArrayNode();
        try (var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT row_to_json(q)::text FROM (" + query + ") q")) {
            while (rs.next()) {
                array.add(EXACT.readTree(rs.getString(1)));
            }
        }
        return array;
    }
}
