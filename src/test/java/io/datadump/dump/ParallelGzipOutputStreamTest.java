package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every engine that loads here: zlib always, ISA-L where libisal2 is installed (CI installs it, see GzipEnginesTest). */
@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class ParallelGzipOutputStreamTest {
    static final int BLOCK = 64 * 1024;

    static Stream<GzipEngine> engines() {
        GzipEngines engines = new GzipEngines();
        GzipEngine auto = engines.engine(GzipEngine.Choice.AUTO, 2);
        return auto.description().startsWith("ISA-L")
                ? Stream.of(engines.engine(GzipEngine.Choice.ZLIB, 2), auto, engines.engine(GzipEngine.Choice.ISAL, 1))
                : Stream.of(auto);
    }

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

    static byte[] compress(GzipEngine engine, byte[] data, int threads, int writeSize) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(sink, engine, threads, BLOCK)) {
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

    @ParameterizedTest
    @MethodSource("engines")
    void anyLengthRoundTripsAsOneGzipMember(GzipEngine engine) throws IOException {
        for (int length : new int[] {0, 1, 100, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK, 7 * BLOCK + 12_345}) {
            for (int threads : new int[] {1, 3}) {
                byte[] data = data(length, length);
                byte[] gz = compress(engine, data, threads, 1 + length % 8191);
                assertThat(gunzip(gz))
                        .as("%s: %d bytes on %d threads", engine, length, threads)
                        .isEqualTo(data);
                // one member: the trailer's ISIZE is the whole length (a reader that stops after one member sees
                // everything)
                int isize = (gz[gz.length - 4] & 0xff)
                        | (gz[gz.length - 3] & 0xff) << 8
                        | (gz[gz.length - 2] & 0xff) << 16
                        | (gz[gz.length - 1] & 0xff) << 24;
                assertThat(isize).isEqualTo(length);
                assertThat(deflateStreamEnd(gz))
                        .as("the deflate stream ends at the trailer")
                        .isEqualTo(gz.length - 8);
            }
        }
    }

    /** Where the raw deflate stream after the 10-byte header ends, read by zlib's inflater. */
    static int deflateStreamEnd(byte[] gz) throws IOException {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater(true);
        try {
            inflater.setInput(gz, 10, gz.length - 10);
            byte[] out = new byte[1 << 16];
            while (!inflater.finished()) {
                if (inflater.inflate(out) == 0 && (inflater.needsInput() || inflater.needsDictionary()))
                    throw new IOException("deflate stream truncated");
            }
            return 10 + (gz.length - 10 - inflater.getRemaining());
        } catch (java.util.zip.DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void compressesAsWellAsOneZlibStreamAndIdenticallyOnAnyThreadCount(GzipEngine engine) throws IOException {
        byte[] data = data(40 * BLOCK, 7);
        byte[] parallel = compress(engine, data, 4, 8000);
        assertThat(compress(engine, data, 1, 3)).isEqualTo(parallel); // blocks do not depend on scheduling
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(single) {
            {
                def.setLevel(2);
            }
        }) {
            gzip.write(data);
        }
        // the primed dictionary keeps the ratio: within 1 % of a single zlib stream at the same level (ISA-L at level
        // 1 within 5 %); ISA-L with its level left unset, so at level 0, fails this
        double slack = engine.description().startsWith("ISA-L level 1") ? 1.05 : 1.01;
        assertThat((double) parallel.length).as("%s", engine).isLessThan(single.size() * slack);
    }

    @Test
    void writingAfterFinishFails() throws IOException {
        ParallelGzipOutputStream gzip =
                new ParallelGzipOutputStream(new ByteArrayOutputStream(), GzipEngine.zlib(1), 1, BLOCK);
        gzip.finish();
        assertThatThrownBy(() -> gzip.write(1)).isInstanceOf(IOException.class);
    }
}
