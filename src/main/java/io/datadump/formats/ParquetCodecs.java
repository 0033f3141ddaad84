package io.datadump.formats;

import io.airlift.compress.Compressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression for the Parquet writer by aircompressor's pure-Java codecs, which parquet-java ships with, instead of
 * parquet-java's own codec factory, which builds a Hadoop configuration and so needs Hadoop on the class path.
 */
final class ParquetCodecs implements CompressionCodecFactory {
    static final ParquetCodecs INSTANCE = new ParquetCodecs();
    static final CompressionCodecName CODEC = CompressionCodecName.ZSTD;

    private ParquetCodecs() {}

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CODEC) throw new IllegalArgumentException("only " + CODEC + " is configured, not " + codec);
        return new BytesInputCompressor() {
            private final Compressor compressor = new ZstdCompressor();
            private byte[] buffer = new byte[0];

            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] in = bytes.toByteArray();
                int max = compressor.maxCompressedLength(in.length);
                if (buffer.length < max) buffer = new byte[max];
                int n = compressor.compress(in, 0, in.length, buffer, 0, buffer.length);
                return BytesInput.from(Arrays.copyOf(buffer, n));
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {}
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        throw new UnsupportedOperationException("datadump writes Parquet and never reads it");
    }

    @Override
    public void release() {}
}
