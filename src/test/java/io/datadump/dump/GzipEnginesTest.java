package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which engine a choice gets. CI installs Debian's libisal2, so there ISA-L must load; elsewhere the tests that need
 * it are skipped (the README's test command runs on a machine without it).
 */
@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class GzipEnginesTest {
    private static final String MISSING = "libno-such-isal.so.2";

    static boolean isalHere() {
        boolean loaded = new GzipEngines()
                .engine(GzipEngine.Choice.AUTO, 2)
                .description()
                .startsWith("ISA-L");
        if (!loaded && "true".equals(System.getenv("CI")))
            throw new AssertionError("CI installs libisal2; it must load");
        return loaded;
    }

    @Test
    void autoTakesIsaLForItsLevelsAndZlibAboveThem() {
        assumeTrue(isalHere(), "ISA-L (libisal2) is not installed");
        GzipEngines engines = new GzipEngines();
        for (int level = 1; level <= 3; level++)
            assertThat(engines.engine(GzipEngine.Choice.AUTO, level).description())
                    .isEqualTo("ISA-L level " + level + " (libisal.so.2)");
        assertThat(engines.engine(GzipEngine.Choice.AUTO, 6).description()).isEqualTo("zlib level 6");
        assertThat(engines.engine(GzipEngine.Choice.ZLIB, 2).description()).isEqualTo("zlib level 2");
        assertThat(engines.engine(GzipEngine.Choice.ISAL, 3).description()).isEqualTo("ISA-L level 3 (libisal.so.2)");
    }

    @Test
    void withoutTheLibraryAutoFallsBackToZlibSayingWhyAndIsalStopsWithWhatToInstall() {
        GzipEngines engines = new GzipEngines(MISSING);
        // one line with the loader's reason (glibc: "cannot open shared object file: No such file or directory"),
        // not JNA's list of every place it looked
        assertThat(engines.engine(GzipEngine.Choice.AUTO, 2).description())
                .startsWith("zlib level 2 (ISA-L not used: " + MISSING + ": ")
                .doesNotContain("\n", "resource path");
        assertThatThrownBy(() -> engines.engine(GzipEngine.Choice.ISAL, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DATADUMP_GZIP_ENGINE is isal but ISA-L cannot be used (" + MISSING)
                .hasMessageContaining("apt install libisal2");
        assertThatThrownBy(() -> engines.engine(GzipEngine.Choice.ISAL, 6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("levels 1 to 3, not 6");
    }

    /** Input that does not compress makes ISA-L write stored blocks, the most output a block can take. */
    @Test
    void isaLCopesWithIncompressibleBlocksAndTheFullBlockSize() throws IOException {
        assumeTrue(isalHere(), "ISA-L (libisal2) is not installed");
        int block = 1 << 18;
        byte[] noise = new byte[3 * block + 17];
        new Random(5).nextBytes(noise);
        for (int level = 1; level <= 3; level++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            try (ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(
                    sink, new GzipEngines().engine(GzipEngine.Choice.ISAL, level), 2, block)) {
                gzip.write(noise);
                gzip.finish();
            }
            byte[] gz = sink.toByteArray();
            assertThat(ParallelGzipOutputStreamTest.gunzip(gz)).isEqualTo(noise);
            assertThat(gz.length).isLessThan(noise.length + 1024);
        }
    }
}
