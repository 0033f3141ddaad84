package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class RowScannerTest {
    /** Hands out its bytes in pieces of 1 to 9 bytes, so every row, string and escape is split somewhere. */
    static InputStream inPieces(byte[] bytes, long seed) {
        Random random = new Random(seed);
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(9)));
            }
        };
    }

    static List<String> rows(InputStream in) throws IOException {
        List<String> rows = new ArrayList<>();
        try (RowScanner scanner = new RowScanner(in)) {
            for (byte[] row; (row = scanner.next()) != null; )
                rows.add(new String(row, 0, scanner.length(), StandardCharsets.UTF_8));
        }
        return rows;
    }

    @Test
    void rowsSplitAnywhereInTheInputComeOutWholeWithLineBreaksBetweenValuesDropped() throws IOException {
        String escapes = "{\"id\":1,\"t\":\"a \\\"quoted\\\" } ] { [ \\\\\",\"u\":\"\\u00e4\\\\\"}";
        String nested = "{\"id\":2,\"j\":{\"a\":[1,{\"b\":\"}\"}],\"c\":{}},\"l\":[[],[\"]\"]]}";
        String pretty = "{\"id\":3,\"raw\":{\r\n  \"a\": [\n 1\n]\n}}";
        String longText = "{\"id\":4,\"d\":\"" + "Ä€😀x".repeat(60_000) + "\"}"; // longer than the scanner's buffer
        String file = "[\n" + String.join(",\n", escapes, nested, pretty, longText) + "\n]\n";
        List<String> expected = List.of(escapes, nested, "{\"id\":3,\"raw\":{  \"a\": [ 1]}}", longText);
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        assertThat(rows(new ByteArrayInputStream(bytes))).containsExactlyElementsOf(expected);
        for (long seed = 0; seed < 20; seed++)
            assertThat(rows(inPieces(bytes, seed))).containsExactlyElementsOf(expected);
    }

    @Test
    void aFileThatEndsInsideARowIsRefused() {
        byte[] cut = "[\n{\"id\":1,\"t\":\"ab".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> rows(new ByteArrayInputStream(cut)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ends inside a row");
    }
}
