package io.datadump.formats;

import java.nio.charset.StandardCharsets;

/**
 * Bytes read as characters, one a byte, without a copy: the typed formats parse numbers, dates and timestamps from a
 * value's bytes through it. Right for ASCII, which is what those values are; any other byte reads as a character no
 * parser takes, so the value is refused, or (where a parser falls back to java.time) read through {@link #toString},
 * which decodes UTF-8. One view is moved from value to value.
 */
final class ByteText implements CharSequence {
    private byte[] bytes;
    private int start, length;

    ByteText over(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.length = end - start;
        return this;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) throw new IndexOutOfBoundsException(index);
        return (char) (bytes[start + index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return toString().subSequence(from, to);
    }

    @Override
    public String toString() {
        return new String(bytes, start, length, StandardCharsets.UTF_8);
    }
}
