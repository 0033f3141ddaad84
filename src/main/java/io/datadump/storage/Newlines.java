package io.datadump.storage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next newline eight bytes at a time (a word-wide test for a byte equal to '\n'), where a loop over single
 * bytes was the largest part of a warm dump's delta work: every byte of a table file is searched once as it is
 * written and once more in the previous dump's file it is compared with.
 */
final class Newlines {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL, ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    private Newlines() {}

    /** The index of the first '\n' in {@code b[from..end)}, or -1. */
    static int indexOf(byte[] b, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES; // a newline byte becomes zero
            long zeros = (x - ONES) & ~x & HIGHS; // its lowest set bit marks the first zero byte (little-endian)
            if (zeros != 0) return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
        }
        for (; i < end; i++) if (b[i] == '\n') return i;
        return -1;
    }
}
