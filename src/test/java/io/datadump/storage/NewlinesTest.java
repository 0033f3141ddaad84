package io.datadump.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NewlinesTest {
    @Test
    void findsTheFirstNewlineAsAByteByByteSearchDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(0, 40)];
            // bytes near '\n' (0x09, 0x0B, 0x8A) and high bytes are where a word-wide test could go wrong
            byte[] alphabet = {'a', '\n', 0x09, 0x0B, (byte) 0x8A, (byte) 0xFF, 0, '{'};
            for (int i = 0; i < b.length; i++)
                b[i] = random.nextInt(10) == 0 ? (byte) '\n' : alphabet[random.nextInt(alphabet.length)];
            int from = b.length == 0 ? 0 : random.nextInt(0, b.length + 1);
            int end = from + (b.length == from ? 0 : random.nextInt(0, b.length - from + 1));
            assertThat(Newlines.indexOf(b, from, end)).as("round " + round).isEqualTo(naive(b, from, end));
        }
    }

    private static int naive(byte[] b, int from, int end) {
        for (int i = from; i < end; i++) if (b[i] == '\n') return i;
        return -1;
    }
}
