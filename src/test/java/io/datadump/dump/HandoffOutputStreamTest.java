package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class HandoffOutputStreamTest {
    /** Records its bytes and the threads that wrote them. */
    static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            threads.add(Thread.currentThread().getName());
            bytes.write(b, off, len);
        }
    }

    static byte[] random(int length) {
        byte[] data = new byte[length];
        new Random(length).nextBytes(data);
        return data;
    }

    @Test
    void whatFitsInOneBufferIsWrittenOnTheCallersThread() throws IOException {
        Recording downstream = new Recording();
        byte[] data = random(1000);
        try (HandoffOutputStream out = new HandoffOutputStream(downstream, 4096, 3, "handoff-test")) {
            out.write(data, 0, 500);
            out.write(data, 500, 500);
        }
        assertThat(downstream.bytes.toByteArray()).isEqualTo(data);
        assertThat(downstream.threads).containsExactly(Thread.currentThread().getName());
    }

    @Test
    void moreIsWrittenInOrderByTheHandOffThread() throws IOException {
        Recording downstream = new Recording();
        byte[] data = random(1_000_003);
        try (HandoffOutputStream out = new HandoffOutputStream(downstream, 4096, 3, "handoff-test")) {
            for (int off = 0; off < data.length; off += 777) out.write(data, off, Math.min(777, data.length - off));
            out.write(42);
        }
        byte[] expected = Arrays.copyOf(data, data.length + 1);
        expected[data.length] = 42;
        assertThat(downstream.bytes.toByteArray()).isEqualTo(expected);
        assertThat(downstream.threads).containsExactly("handoff-test");
    }

    @Test
    void aFailureDownstreamReachesTheWriter() {
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        assertThatThrownBy(() -> {
                    try (HandoffOutputStream out = new HandoffOutputStream(failing, 4096, 3, "handoff-test")) {
                        byte[] data = random(4096);
                        for (int i = 0; i < 100; i++)
                            out.write(data); // the writer fails on the first chunk; the producer hears of it
                    }
                })
                .isInstanceOf(IOException.class)
                .hasMessageContaining("disk full");
    }
}
