package io.datadump.dump;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.util.Arrays;

/**
 * A {@link BlockDeflater} on ISA-L's igzip (Debian's libisal2), bound through JNA. At its levels 1 to 3 it
 * compresses JSON as well as zlib at the same level, about seven times faster (measured on messages.json, 687 MB:
 * igzip -2 0.53 s and 52.5 MB, gzip -2 3.78 s and 54.8 MB), which takes compression from the costliest step of a
 * gzip dump to a small one.
 *
 * <p>The stream state is a native struct of which only the public head is touched, at its offsets in
 * {@code igzip_lib.h} (64-bit); {@link GzipEngines} proves the binding on a sample before using it.
 */
final class IsalBlockDeflater implements BlockDeflater {
    /** The part of ISA-L's API that datadump calls; the library is opened by its soname, whose struct layout this is. */
    public interface Library extends com.sun.jna.Library {
        String SONAME = "libisal.so.2";

        void isal_deflate_init(Pointer stream);

        int isal_deflate_set_dict(Pointer stream, Pointer dictionary, int length);

        int isal_deflate(Pointer stream);
    }

    static Library load(String soname) {
        if (Native.POINTER_SIZE != 8) throw new UnsatisfiedLinkError("ISA-L is bound for 64-bit platforms only");
        return Native.load(soname, Library.class);
    }

    // struct isal_zstream: sizeof is 82,384 bytes in ISA-L 2.30; the rest of the allocation is slack
    private static final int STREAM_BYTES = 128 << 10;
    private static final long NEXT_IN = 0, AVAIL_IN = 8, NEXT_OUT = 16, AVAIL_OUT = 24;
    private static final long LEVEL = 40, LEVEL_BUF_SIZE = 44, LEVEL_BUF = 48;
    private static final long END_OF_STREAM = 56, FLUSH = 58, GZIP_FLAG = 60, HIST_BITS = 62;
    private static final long STATE = 64 + 20; // internal_state.state
    private static final int ZSTATE_END = 11, NO_FLUSH = 0, SYNC_FLUSH = 1, IGZIP_DEFLATE = 0, COMP_OK = 0;
    // ISAL_DEF_LVL<n>_DEFAULT of igzip_lib.h: the working memory each level wants
    private static final int[] LEVEL_BUFFER_BYTES = {0, 282_624, 331_776, 348_160};

    private final Library isal;
    private final int level;
    private final Memory stream, levelBuffer, dictionary, input, output;

    IsalBlockDeflater(Library isal, int level, int maxBlockBytes) {
        if (level < 1 || level > 3) throw new IllegalArgumentException("ISA-L's levels are 1 to 3, not " + level);
        this.isal = isal;
        this.level = level;
        this.stream = new Memory(STREAM_BYTES);
        this.levelBuffer = new Memory(LEVEL_BUFFER_BYTES[level]);
        this.dictionary = new Memory(DICTIONARY_BYTES);
        this.input = new Memory(maxBlockBytes);
        // a block that does not compress grows by a few bytes per stored block; the loop below copes with more
        this.output = new Memory(maxBlockBytes + maxBlockBytes / 8 + 4096);
    }

    @Override
    public Compressed deflate(byte[] previous, byte[] block, int length, boolean last) throws IOException {
        if (length > input.size()) throw new IllegalArgumentException("block of " + length + " bytes");
        isal.isal_deflate_init(stream);
        stream.setInt(LEVEL, level);
        stream.setInt(LEVEL_BUF_SIZE, (int) levelBuffer.size());
        stream.setPointer(LEVEL_BUF, levelBuffer);
        stream.setShort(END_OF_STREAM, (short) (last ? 1 : 0));
        stream.setShort(FLUSH, (short) (last ? NO_FLUSH : SYNC_FLUSH));
        stream.setShort(GZIP_FLAG, (short) IGZIP_DEFLATE);
        stream.setShort(HIST_BITS, (short) 0);
        if (previous != null) {
            dictionary.write(0, previous, previous.length - DICTIONARY_BYTES, DICTIONARY_BYTES);
            check(isal.isal_deflate_set_dict(stream, dictionary, DICTIONARY_BYTES), "isal_deflate_set_dict");
        }
        input.write(0, block, 0, length);
        stream.setPointer(NEXT_IN, input);
        stream.setInt(AVAIL_IN, length);
        byte[] compressed = new byte[length / 2 + 1024];
        int produced = 0;
        while (true) {
            int room = (int) output.size();
            stream.setPointer(NEXT_OUT, output);
            stream.setInt(AVAIL_OUT, room);
            check(isal.isal_deflate(stream), "isal_deflate");
            int left = stream.getInt(AVAIL_OUT), n = room - left;
            if (produced + n > compressed.length)
                compressed = Arrays.copyOf(compressed, Math.max(compressed.length * 2, produced + n));
            output.read(0, compressed, produced, n);
            produced += n;
            // all input taken and, as igzip_lib.h says, room left in the output (flushed) or the end reached
            boolean done = stream.getInt(AVAIL_IN) == 0 && (last ? stream.getInt(STATE) == ZSTATE_END : left > 0);
            if (done) return new Compressed(compressed, produced);
            if (n == 0) throw new IOException("ISA-L made no progress deflating a block of " + length + " bytes");
        }
    }

    private static void check(int result, String call) throws IOException {
        if (result != COMP_OK) throw new IOException(call + " failed with " + result);
    }

    @Override
    public void close() {
        stream.close();
        levelBuffer.close();
        dictionary.close();
        input.close();
        output.close();
    }
}
