package io.datadump.formats;

import io.airlift.compress.Compressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression for the Parquet writer: ZSTD by aircompressor's pure-Java codec, which parquet-java ships with,
 * instead of parquet-java's own codec factory, which builds a Hadoop configuration and so needs Hadoop on the class
 * path, or zstd-jni's natives.
 */
final class ParquetCodecs {
    private ParquetCodecs() {}

    /**
     * A compressor for one writer's pages, one page at a time into buffers it keeps, as parquet-java's own compressors
     * do: the page writer copies the result before the next page. One serves every column of a writer; a compressor a
     * column, each with buffers of a page's size, was 1 GB of the 7 GB a 1,000,000-row conversion allocated.
     */
    static BytesInputCompressor zstdPages() {
        return new ZstdPages();
    }

    private static final class ZstdPages implements BytesInputCompressor {
        private final Compressor compressor = new ZstdCompressor();
        private final PageBuffer page = new PageBuffer();
        private byte[] compressed = new byte[0];

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            page.reset();
            bytes.writeAllTo(page);
            int max = compressor.maxCompressedLength(page.size());
            if (compressed.length < max) compressed = new byte[max];
            int n = compressor.compress(page.bytes(), 0, page.size(), compressed, 0, compressed.length);
            return BytesInput.from(compressed, 0, n);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
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
