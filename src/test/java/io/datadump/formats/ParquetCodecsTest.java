package io.datadump.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.util.Native;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Both ZSTD page compressors, one after another on pages of every size, read back by aircompressor's decompressor. */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class ParquetCodecsTest {
    @Test
    void theNativeCodecLoadsOnThePlatformsTheJarKeepsItFor() {
        BytesInputCompressor pages = ParquetCodecs.zstdPages();
        pages.release();
        assertThat(Native.isLoaded())
                .as("libzstd on " + System.getProperty("os.arch"))
                .isTrue();
    }

    @Property(tries = 50)
    void eachCompressorsPagesDecompressToThePageWrittenWhateverCameBefore(
            @ForAll @IntRange(min = 1, max = 12) int pageCount, @ForAll long seed) throws Exception {
        Random random = new Random(seed);
        for (BytesInputCompressor compressor :
                new BytesInputCompressor[] {ParquetCodecs.zstdPages(), ParquetCodecs.javaZstdPages()}) {
            try {
                for (int p = 0; p < pageCount; p++) {
                    byte[] page = page(random);
                    byte[] frame = compressor.compress(BytesInput.from(page)).toByteArray();
                    byte[] back = new byte[page.length];
                    int n = new ZstdDecompressor().decompress(frame, 0, frame.length, back, 0, back.length);
                    assertThat(n).isEqualTo(page.length);
                    assertThat(back).isEqualTo(page);
                }
            } finally {
                compressor.release();
            }
        }
    }

    /** A page of up to 128 KiB: empty, noise, or values repeated as a column's are. */
    private static byte[] page(Random random) {
        int length = random.nextInt(10) == 0 ? 0 : random.nextInt(128 << 10);
        byte[] page = new byte[length];
        if (random.nextBoolean()) random.nextBytes(page);
        else for (int i = 0; i < length; i++) page[i] = (byte) ("Musterstraße 12, 80331 München;".charAt(i % 31));
        return page;
    }
}
