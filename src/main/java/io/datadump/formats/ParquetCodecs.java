package io.datadump.formats;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.util.Native;
import io.airlift.compress.Compressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Page compression for the Parquet writer: ZSTD at level 3, by zstd-jni (libzstd) with one native context a writer,
 * reused for every page, or, where its native library does not load (a platform the jar has none for, a temporary
 * directory that cannot hold it), by aircompressor's pure-Java codec. Both instead of parquet-java's own codec
 * factory, which builds a Hadoop configuration and so needs Hadoop on the class path.
 *
 * <p>Why native first: aircompressor makes a new compression context, about 1 MB of tables, for every page, and one
 * of them is humongous in a small G1 heap. That was 2.2 of the 4.2 GB a 1,000,000-row contacts conversion allocated,
 * and G1 sized its heap to that rate (peak RSS 278-321 MB with -Xmx256m; 247-308 MB with the native context).
 */
final class ParquetCodecs {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetCodecs.class);

    /** zstd's default level, the one aircompressor uses. */
    static final int LEVEL = 3;

    private ParquetCodecs() {}

    /** Whether libzstd loaded: tried once a JVM, as zstd-jni loads it once. */
    private static final class NativeZstd {
        static final boolean LOADED = load();

        private static boolean load() {
            try {
                Native.load();
                return true;
            } catch (LinkageError | RuntimeException e) {
                LOG.warn(
                        "ZSTD for Parquet in pure Java, which allocates more: zstd-jni's native library did not load"
                                + " ({})",
                        e.toString());
                return false;
            }
        }
    }

    /**
     * A compressor for one writer's pages, one page at a time into buffers it keeps, as parquet-java's own compressors
     * do: the page writer copies the result before the next page. One serves every column of a writer; a compressor a
     * column, each with buffers of a page's size, was 1 GB of the 7 GB a 1,000,000-row conversion allocated. {@link
     * BytesInputCompressor#release()} frees its native context.
     */
    static BytesInputCompressor zstdPages() {
        return NativeZstd.LOADED ? new NativeZstdPages() : new JavaZstdPages();
    }

    /** The pure-Java compressor, whatever the platform (for the tests of the fallback). */
    static BytesInputCompressor javaZstdPages() {
        return new JavaZstdPages();
    }

    /** Copies each page into a kept buffer and compresses it into another. */
    private abstract static class Pages implements BytesInputCompressor {
        private final PageBuffer page = new PageBuffer();
        private byte[] compressed = new byte[0];

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            page.reset();
            bytes.writeAllTo(page);
            int max = maxCompressedLength(page.size());
            if (compressed.length < max) compressed = new byte[max];
            int n = compress(page.bytes(), page.size(), compressed);
            return BytesInput.from(compressed, 0, n);
        }

        abstract int maxCompressedLength(int length);

        abstract int compress(byte[] in, int length, byte[] out);

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }
    }

    private static final class NativeZstdPages extends Pages {
        private final ZstdCompressCtx context = new ZstdCompressCtx().setLevel(LEVEL);

        @Override
        int maxCompressedLength(int length) {
            return Math.toIntExact(Zstd.compressBound(length));
        }

        @Override
        int compress(byte[] in, int length, byte[] out) {
            return context.compressByteArray(out, 0, out.length, in, 0, length);
        }

        @Override
        public void release() {
            context.close();
        }
    }

    private static final class JavaZstdPages extends Pages {
        private final Compressor compressor = new ZstdCompressor();

        @Override
        int maxCompressedLength(int length) {
            return compressor.maxCompressedLength(length);
        }

        @Override
        int compress(byte[] in, int length, byte[] out) {
            return compressor.compress(in, 0, length, out, 0, out.length);
        }

        @Override
        public void release() {}
    }

    /** A page's uncompressed bytes, read in place. */
    private static final class PageBuffer extends ByteArrayOutputStream {
        PageBuffer() {
            super(64 << 10);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
