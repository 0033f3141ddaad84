package io.datadump.formats;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.apache.parquet.bytes.ByteBufferAllocator;

/**
 * The buffers one Parquet writer's pages are made in (each column's page being encoded, and every compressed page of
 * the row group until it is written out), handed out again once parquet-java releases them, instead of new ones each
 * time.
 *
 * <p>Why: those buffers live for a page or a row group, longer than G1's young collections are apart, and more of them
 * than its survivor space holds, so new ones were promoted to die in the old generation, where garbage piled up until a
 * mixed collection, and G1 grew the heap. Reused ones are promoted once and stay live. With the rest of the conversion
 * as it is, 1,000,000 contacts peaked at 247-308 MB RSS with -Xmx256m with them, at 279-309 MB without.
 *
 * <p>Sizes are rounded up to a quarter power of two (at most a quarter wasted); a buffer comes back with its limit at
 * the size asked for, as parquet-java reads a slab's size from its limit. What is kept is bounded by {@link
 * #MAX_KEPT_BYTES}; beyond it a released buffer is left to the collector. One writer's thread uses it, unsynchronized.
 */
final class ParquetBuffers implements ByteBufferAllocator {
    /** Buffers kept for reuse at most: a row group's pages ({@link ParquetTableWriter#ROW_GROUP_BYTES}) and more. */
    static final long MAX_KEPT_BYTES = 48L << 20;

    /** Smaller buffers are not worth keeping: their allocation is cheap and they die young. */
    private static final int MIN_KEPT = 1 << 10;

    /** Larger ones are rare (a page of one huge value) and allocated as asked. */
    private static final int MAX_KEPT = 16 << 20;

    private final ArrayDeque<ByteBuffer>[] free;
    private long keptBytes;

    @SuppressWarnings("unchecked")
    ParquetBuffers() {
        free = new ArrayDeque[sizeClass(MAX_KEPT) + 1];
        for (int c = 0; c < free.length; c++) free[c] = new ArrayDeque<>();
    }

    @Override
    public ByteBuffer allocate(int size) {
        if (size < MIN_KEPT || size > MAX_KEPT) return ByteBuffer.allocate(size);
        int c = sizeClass(size);
        ByteBuffer buffer = free[c].pollLast();
        if (buffer == null) buffer = ByteBuffer.allocate(capacity(c));
        else keptBytes -= buffer.capacity();
        buffer.clear().limit(size);
        return buffer;
    }

    @Override
    public void release(ByteBuffer buffer) {
        int capacity = buffer.capacity();
        if (capacity < MIN_KEPT || capacity > MAX_KEPT || keptBytes + capacity > MAX_KEPT_BYTES) return;
        int c = sizeClass(capacity);
        if (capacity(c) != capacity) return; // not one of ours
        free[c].addLast(buffer);
        keptBytes += capacity;
    }

    @Override
    public boolean isDirect() {
        return false;
    }

    /** Bytes kept for reuse now. */
    long keptBytes() {
        return keptBytes;
    }

    /** The class of the smallest capacity at least {@code size}: four classes a power of two. */
    static int sizeClass(int size) {
        int power = 31 - Integer.numberOfLeadingZeros(size - 1); // 2^power < size <= 2^(power+1)
        int quarter = (int) (((long) (size - 1) >> (power - 2)) & 3); // which quarter above 2^power
        return 4 * power + quarter;
    }

    /** The capacity of class {@code c}: 2^p × (1 + (q+1)/4) for c = 4p + q. */
    static int capacity(int c) {
        int power = c >> 2, quarter = c & 3;
        return (1 << power) + ((quarter + 1) << (power - 2));
    }
}
