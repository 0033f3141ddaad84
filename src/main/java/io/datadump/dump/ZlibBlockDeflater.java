package io.datadump.dump;

import java.util.Arrays;
import java.util.zip.Deflater;

/** A {@link BlockDeflater} on the JDK's zlib: always there, every level from 1 to 9. */
final class ZlibBlockDeflater implements BlockDeflater {
    private final Deflater deflater;

    ZlibBlockDeflater(int level) {
        this.deflater = new Deflater(level, true);
    }

    @Override
    public Compressed deflate(byte[] dictionary, byte[] input, int length, boolean last) {
        deflater.reset();
        if (dictionary != null)
            deflater.setDictionary(dictionary, dictionary.length - DICTIONARY_BYTES, DICTIONARY_BYTES);
        deflater.setInput(input, 0, length);
        if (last) deflater.finish();
        byte[] output = new byte[length / 2 + 1024];
        int produced = 0;
        while (true) {
            if (produced == output.length) output = Arrays.copyOf(output, output.length * 2);
            int n = deflater.deflate(
                    output, produced, output.length - produced, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
            produced += n;
            // done when the deflater left room in the buffer (all flushed), or, for the last block, when it says so
            if (last ? deflater.finished() : produced < output.length) return new Compressed(output, produced);
        }
    }

    @Override
    public void close() {
        deflater.end();
    }
}
