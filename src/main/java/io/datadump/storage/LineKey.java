package io.datadump.storage;

/**
 * The key a line of a text object is ordered by, for {@link Storage#createDelta}: a file's lines come in ascending
 * key order, so a line is compared only with the base's line of the same key. {@link #NONE} for a line without one
 * (a header or footer), which is compared with the base's line at the same place.
 */
@FunctionalInterface
public interface LineKey {
    long NONE = Long.MIN_VALUE;

    /** The key of the line at {@code bytes[offset..offset+length)}, its newline included; {@link #NONE} if it has none. */
    long of(byte[] bytes, int offset, int length);
}
