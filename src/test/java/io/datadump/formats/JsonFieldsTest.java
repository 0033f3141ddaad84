package io.datadump.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The byte-level field reader against Jackson, which it stands in for on the Parquet path: for rows of any keys'
 * order, missing and unknown keys, strings with escapes of every kind (control characters, quotes, non-ASCII as
 * {@code \\u}, surrogate pairs), numbers, literals and nested values with and without white space, every column's kind
 * and text are Jackson's, and the bytes it writes are its text's UTF-8.
 */
@Tag("unit")
@net.jqwik.api.Tag("unit") // the properties are jqwik's, which reads its own tags
class JsonFieldsTest {
    static final List<String> KEYS = List.of("a", "b", "c", "d", "e", "f");
    static final List<String> COLUMNS = List.of("f", "a", "c", "d", "zz");
    private static final JsonFactory JSON = new JsonFactory();

    @Property(tries = 3000)
    void everyColumnHasJacksonsKindAndText(@ForAll("row") String row) throws IOException {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        JsonFields fields = new JsonFields(KEYS, COLUMNS);
        fields.read(bytes, 0, bytes.length);
        try (JsonRows jackson = new JsonRows(
                new ByteArrayInputStream(("[" + row + "]").getBytes(StandardCharsets.UTF_8)), KEYS, COLUMNS)) {
            assertThat(jackson.next()).isTrue();
            for (int c = 0; c < COLUMNS.size(); c++) {
                fields.select(c);
                assertThat(fields.kind()).as(row + " column " + c).isEqualTo(kindOf(jackson.kind(c)));
                if (fields.kind() == JsonFields.Kind.NULL) continue;
                assertThat(fields.text()).as(row + " column " + c).isEqualTo(jackson.text(c));
                byte[] out = new byte[fields.end() - fields.start() + 2];
                int n = fields.unescape(out, 0);
                if (n >= 0) {
                    assertThat(new String(out, 0, n, StandardCharsets.UTF_8))
                            .as(row + " column " + c)
                            .isEqualTo(jackson.text(c));
                }
            }
        }
    }

    @Property(tries = 500)
    void aFileReadInPiecesOfAnySizeGivesEveryRowAsJacksonReadsIt(
            @ForAll("rows") List<String> rows,
            @ForAll @IntRange(min = 1, max = 64) int bufferBytes,
            @ForAll @IntRange(min = 0, max = 32) int readAhead,
            @ForAll("separators") String separator)
            throws IOException {
        String file = "[\n" + String.join(separator, rows) + "\n]\n";
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        JsonFields fields = new JsonFields(KEYS, COLUMNS);
        try (TableFileRows read = new TableFileRows(new ByteArrayInputStream(bytes), fields, bufferBytes, readAhead);
                JsonRows jackson = new JsonRows(new ByteArrayInputStream(bytes), KEYS, COLUMNS)) {
            for (String row : rows) {
                assertThat(read.next()).isTrue();
                assertThat(jackson.next()).isTrue();
                for (int c = 0; c < COLUMNS.size(); c++) {
                    fields.select(c);
                    assertThat(fields.kind()).as(row + " column " + c).isEqualTo(kindOf(jackson.kind(c)));
                    if (fields.kind() != JsonFields.Kind.NULL) {
                        assertThat(fields.text()).as(row + " column " + c).isEqualTo(jackson.text(c));
                    }
                }
            }
            assertThat(read.next()).isFalse();
        }
    }

    @Test
    void aFileThatIsNoArrayOfObjectsOrEndsInsideARowIsRefused() {
        for (String bad : List.of("{}", "[1]", "[{\"a\":1}", "[{\"a\":1},", "[{\"a\":")) {
            byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
            JsonFields fields = new JsonFields(KEYS, COLUMNS);
            assertThatThrownBy(() -> {
                        try (TableFileRows read = new TableFileRows(new ByteArrayInputStream(bytes), fields, 4, 2)) {
                            while (read.next()) {
                                // reads to the end or the error
                            }
                        }
                    })
                    .as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(",", ",\n", " , ", "\n,\n");
    }

    @Test
    void aRowThatIsNoObjectIsRefused() {
        JsonFields fields = new JsonFields(KEYS, COLUMNS);
        for (String bad :
                List.of("{\"a\":1", "{\"a\" 1}", "{\"a\":nul}", "{\"a\":x}", "{\"a\":\"open}", "{\"a\":1 \"b\":2}")) {
            byte[] bytes = bad.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> fields.read(bytes, 0, bytes.length))
                    .as(bad)
                    .isInstanceOf(IOException.class);
        }
    }

    private static JsonFields.Kind kindOf(JsonToken token) {
        return switch (token) {
            case VALUE_NULL -> JsonFields.Kind.NULL;
            case VALUE_TRUE -> JsonFields.Kind.TRUE;
            case VALUE_FALSE -> JsonFields.Kind.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonFields.Kind.NUMBER;
            case VALUE_STRING -> JsonFields.Kind.STRING;
            case START_ARRAY -> JsonFields.Kind.ARRAY;
            case START_OBJECT -> JsonFields.Kind.OBJECT;
            default -> throw new IllegalArgumentException(token.toString());
        };
    }

    @Provide
    Arbitrary<List<String>> rows() {
        return row().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> row() {
        Arbitrary<List<String>> fields = Combinators.combine(
                        Arbitraries.of("a", "b", "c", "d", "e", "f", "zz", "other")
                                .set()
                                .ofMaxSize(8),
                        value().list().ofSize(8))
                .as((keys, values) -> {
                    List<String> out = new ArrayList<>();
                    int i = 0;
                    for (String k : keys) out.add("\"" + k + "\":" + values.get(i++));
                    return out;
                });
        Arbitrary<Boolean> ordered = Arbitraries.of(true, false);
        return Combinators.combine(fields, ordered, Arbitraries.of("", " ", "\n "))
                .as((list, inOrder, space) -> {
                    List<String> fs = new ArrayList<>(list);
                    if (inOrder) fs.sort(null);
                    return "{" + String.join("," + space, fs) + "}";
                });
    }

    private Arbitrary<String> value() {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                string(),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("1.5e3", "-0.25", "0", "12345678901234567890.123"),
                Arbitraries.of("true", "false", "null"));
        Arbitrary<String> nested = Combinators.combine(
                        // Jackson writes a nested 1.5e3 as 1.5E+3 (this reader keeps the bytes as written)
                        scalar.filter(v -> !v.equals("1.5e3")).list().ofMaxSize(4),
                        Arbitraries.of(true, false),
                        Arbitraries.of(", ", ","))
                .as((items, object, separator) -> {
                    if (!object) return "[" + String.join(separator, items) + "]";
                    List<String> pairs = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) pairs.add("\"k" + i + "\": " + items.get(i));
                    return "{" + String.join(separator, pairs) + "}";
                });
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar), Tuple.of(2, nested), Tuple.of(1, nested.map(n -> "[" + n + ", [] ]")));
    }

    /** A JSON string of any text, written by Jackson, some with every non-ASCII character escaped. */
    private Arbitrary<String> string() {
        Arbitrary<String> text = Arbitraries.strings()
                .withCharRange('\u0000', '\u007f')
                .withCharRange('\u00a0', '\u00ff')
                .withCharRange('\u4e00', '\u4e08')
                .withChars('Ω')
                .ofMaxLength(12)
                .map(s -> s.replace("Ω", "😀"));
        return Combinators.combine(text, Arbitraries.of(true, false)).as((s, escapeNonAscii) -> {
            try {
                StringWriter out = new StringWriter();
                try (JsonGenerator gen = JSON.createGenerator(out)) {
                    if (escapeNonAscii) gen.enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
                    gen.writeString(s);
                }
                return out.toString().replace("/", "\\/");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
