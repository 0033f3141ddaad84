package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class TableDiffTest {
    static InputStream file(String... rows) {
        String text = rows.length == 0 ? "[\n]\n" : "[\n" + String.join(",\n", rows) + "\n]\n";
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> diff(InputStream older, InputStream newer) throws IOException {
        List<String> changes = new ArrayList<>();
        TableDiff.diff(older, newer, new TableDiff.Sink() {
            @Override
            public void upsert(byte[] row, int length) {
                changes.add("upsert " + new String(row, 0, length, StandardCharsets.UTF_8));
            }

            @Override
            public void delete(long id) {
                changes.add("delete " + id);
            }
        });
        return changes;
    }

    @Test
    void addedChangedAndDeletedRowsInIdOrder() throws IOException {
        List<String> changes = diff(
                file("{\"a\":1,\"id\":1}", "{\"a\":2,\"id\":2}", "{\"a\":3,\"id\":3}", "{\"a\":5,\"id\":5}"),
                file(
                        "{\"a\":1,\"id\":1}",
                        "{\"a\":9,\"id\":3}",
                        "{\"a\":4,\"id\":4}",
                        "{\"a\":5,\"id\":5}",
                        "{\"a\":6,\"id\":6}"));
        assertThat(changes)
                .containsExactly(
                        "delete 2",
                        "upsert {\"a\":9,\"id\":3}",
                        "upsert {\"a\":4,\"id\":4}",
                        "upsert {\"a\":6,\"id\":6}");
        assertThat(TableDiff.count(file("{\"id\":1}", "{\"id\":2}"), file("{\"id\":2,\"x\":1}", "{\"id\":3}")))
                .isEqualTo(new TableDiff.Counts(1, 1, 1));
    }

    @Test
    void theIdIsTheTopLevelOneAndNestedBracesOrQuotesInStringsDoNotSplitRows() throws IOException {
        String tricky = "{\"deal_stages\":[{\"id\":99}],\"note\":\"} ] \\\" {\",\"id\":7}";
        assertThat(diff(file(), file(tricky))).containsExactly("upsert " + tricky);
        assertThat(diff(file(tricky), file())).containsExactly("delete 7");
    }

    @Test
    void lineBreaksInsideAJsonValueStayOneRowOnOneLine() throws IOException {
        String pretty = "{\"id\":1,\"raw\":{\n  \"a\": 1\n}}";
        assertThat(diff(file(), file(pretty))).containsExactly("upsert {\"id\":1,\"raw\":{  \"a\": 1}}");
    }

    /**
     * Random tables and random days of changes, the files read in pieces of 1 to 9 bytes: the diff equals the one
     * worked out from the rows by id, wherever a changed row first differs (mid-string, at its end, a row that is the
     * other's prefix) and whatever its bytes hold (quotes, escapes, braces, line breaks between values).
     */
    @Test
    void aDiffOfRandomChangesEqualsTheDiffByIdWhereverTheRowsDiffer() throws IOException {
        String[] pieces = {"a", "\\\"", "}", "{", "]", "[", "\\\\", "é", "x", " "};
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            TreeMap<Long, String> older = new TreeMap<>();
            for (long id = 1; id <= 1 + random.nextInt(30); id++) older.put(id, row(random, id, pieces));
            TreeMap<Long, String> newer = new TreeMap<>(older);
            List<String> expected = new ArrayList<>();
            for (long id = 1; id <= 35; id++) {
                int dice = random.nextInt(6);
                if (dice == 0 && newer.containsKey(id)) newer.remove(id);
                else if (dice == 1) newer.put(id, row(random, id, pieces));
                else if (dice == 2 && newer.containsKey(id)) newer.put(id, extended(newer.get(id)));
            }
            for (long id = 1; id <= 35; id++) {
                String was = older.get(id), is = newer.get(id);
                if (is != null && !is.equals(was)) expected.add("upsert " + is.replace("\n", ""));
                else if (is == null && was != null) expected.add("delete " + id);
            }
            List<String> changes =
                    diff(RowScannerTest.inPieces(bytes(older), seed), RowScannerTest.inPieces(bytes(newer), seed + 1));
            assertThat(changes).as("seed %d", seed).containsExactlyElementsOf(expected);
        }
    }

    private static String row(Random random, long id, String[] pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) text.append(pieces[random.nextInt(pieces.length)]);
        String breakOrNot = random.nextInt(4) == 0 ? "\n" : "";
        return "{\"t\":\"" + text + "\"," + breakOrNot + "\"id\":" + id + ",\"j\":{\"id\":[" + id + "]}}";
    }

    /** The row with one more key: the older row's bytes are a prefix of the newer one's but for its last brace. */
    private static String extended(String row) {
        return row.substring(0, row.length() - 1) + ",\"z\":1}";
    }

    private static byte[] bytes(TreeMap<Long, String> rows) {
        String text = rows.isEmpty() ? "[\n]\n" : "[\n" + String.join(",\n", rows.values()) + "\n]\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void emptyTables() throws IOException {
        assertThat(diff(file(), file())).isEmpty();
    }
}
