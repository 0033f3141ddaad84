package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void emptyTables() throws IOException {
        assertThat(diff(file(), file())).isEmpty();
    }
}
