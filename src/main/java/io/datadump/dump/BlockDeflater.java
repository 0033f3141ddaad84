package io.datadump.dump;

import java.io.IOException;

/**
 * Deflates one block of a {@link ParallelGzipOutputStream}: raw deflate, primed with the 32 KiB of input before the
 * block as its dictionary, ending on a byte boundary with an empty stored block (a sync flush) so that the next
 * block's output can follow it, or with the final block when it is the last. One per compression thread; not
 * thread-safe.
 */
interface BlockDeflater extends AutoCloseable {
    int DICTIONARY_BYTES = 32 * 1024;

    /** A block's compressed bytes: {@code bytes[0, length)}. */
    record Compressed(byte[] bytes, int length) {}

    /**
     * Compresses {@code input[0, length)}; {@code dictionary} is the previous block (its last 32 KiB are used) or
     * null for the first.
     */
    Compressed deflate(byte[] dictionary, byte[] input, int length, boolean last) throws IOException;

    /** Frees the native memory. */
    @Override
    void close();
}
