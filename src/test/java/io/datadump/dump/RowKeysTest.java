package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.storage.LineKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class RowKeysTest {
    static long id(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return RowKeys.id(b, 0, b.length);
    }

    @Test
    void findsTheTopLevelIdWhereverItStands() {
        assertThat(id("{\"id\":42,\"name\":\"x\"},\n")).isEqualTo(42);
        assertThat(id("{\"a\":1,\"id\":7}\n")).isEqualTo(7);
        assertThat(id("{\"id\":-3}\n")).isEqualTo(-3);
        // nested ids, and texts that look like ids, come first and are skipped
        assertThat(id(
                        "{\"active\":[{\"id\":1},{\"id\":2}],\"body\":\"{\\\"id\\\":9,\\\\\",\"meta\":{\"id\":5},\"id\":12,"
                                + "\"z\":\"\"}"))
                .isEqualTo(12);
        assertThat(id("{\"body\":\"ends in a backslash \\\\\",\"id\":13}")).isEqualTo(13);
    }

    @Test
    void linesWithoutAWholeNumberIdHaveNoKey() {
        assertThat(id("[\n")).isEqualTo(LineKey.NONE);
        assertThat(id("]\n")).isEqualTo(LineKey.NONE);
        assertThat(id("{\"key\":\"a\",\"value\":1}\n")).isEqualTo(LineKey.NONE);
        assertThat(id("{\"id\":\"3f2a\",\"x\":1}\n")).isEqualTo(LineKey.NONE);
        assertThat(id("{\"id\":1.5}\n")).isEqualTo(LineKey.NONE);
        assertThat(id("{\"nested\":{\"id\":4}}\n")).isEqualTo(LineKey.NONE);
        assertThat(id("{\"id\":12345678901234567890}\n")).isEqualTo(LineKey.NONE);
        assertThat(id("{\"id\":")).isEqualTo(LineKey.NONE);
    }
}
