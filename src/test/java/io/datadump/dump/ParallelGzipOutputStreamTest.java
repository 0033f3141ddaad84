package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ParallelGzipOutputStreamTest {
    static final int BLOCK = 64 * 1024;

    /** JSON-like text (compressible, with matches that reach across block boundaries) mixed with random bytes. */
    static byte[] data(int length, long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        while (out.size() < length) {
            if (random.nextInt(10) == 0) {
                byte[] noise = new byte[random.nextInt(300)];
                random.nextBytes(noise);
                out.writeBytes(noise);
            } else {
                out.writeBytes(
                        ("{\"id\":" + random.nextInt(1_000_000) + ",\"first_name\":\"Anna\",\"city\":\"Berlin\"},\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] all = out.toByteArray();
        return Arrays.copyOf(all, length);
    }

    static byte[] compress(byte[] data, int threads, int writeSize) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(sink, 2, threads, BLOCK)) {
            for (int off = 0; off < data.length; off += writeSize)
                gzip.write(data, off, Math.min(writeSize, data.length - off));
            gzip.finish();
        }
        return sink.toByteArray();
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    @Test
    void anyLengthRoundTripsAsOneGzipMember() throws IOException {
        for (int length : new int[] {0, 1, 100, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 7 * BLOCK + 12_345}) {
            for (int threads : new int[] {1, 3}) {
                byte[] data = data(length, length);
                byte[] gz = compress(data, threads, 1 + length % 8191);
                assertThat(gunzip(gz))
                        .as("%d bytes on %d threads", length, threads)
                        .isEqualTo(data);
                // one member: the trailer's ISIZE is the whole length (a reader that stops after one member sees
                // everything)
                int isize = (gz[gz.length - 4] & 0xff)
                        | (gz[gz.length - 3] & 0xff) << 8
                        | (gz[gz.length - 2] & 0xff) << 16
                        | (gz[gz.length - 1] & 0xff) << 24;
                assertThat(isize).isEqualTo(length);
            }
        }
    }

    @Test
    void compressesAsWellAsOneStreamAndIdenticallyOnAnyThreadCount() throws IOException {
        byte[] data = data(40 * BLOCK, 7);
        byte[] parallel = compress(data, 4, 8000);
        assertThat(compress(data, 1, 3)).isEqualTo(parallel); // blocks do not depend on scheduling
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(single) {
            {
                def.setLevel(2);
            }
        }) {
            gzip.write(data);
        }
        // the primed dictionary keeps the ratio: within 1 % of a single stream
        assertThat((double) parallel.length).isLessThan(single.size() * 1.01);
    }

    @Test
    void writingAfterFinishFails() throws IOException {
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(new ByteArrayOutputStream(), 1, 1, BLOCK);
        gzip.finish();
        assertThatThrownBy(() -> gzip.write(1)).isInstanceOf(IOException.class);
    }
}
