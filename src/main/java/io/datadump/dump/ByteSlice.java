package io.datadump.dump;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable view of UTF-8 bytes inside a larger buffer: one column value as PostgreSQL rendered it.
 * It is a {@link SerializableString} only so that {@code JsonGenerator.writeRawValue} can copy the bytes
 * straight into Jackson's output buffer (numbers, jsonb scalars) without making a {@code String}.
 */
final class ByteSlice implements SerializableString {
    byte[] bytes;
    int offset;
    int length;

    ByteSlice set(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    byte at(int i) {
        return bytes[offset + i];
    }

    int indexOf(byte b) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] == b) return i - offset;
        }
        return -1;
    }

    boolean is(String ascii) {
        if (ascii.length() != length) return false;
        for (int i = 0; i < length; i++) {
            if (bytes[offset + i] != ascii.charAt(i)) return false;
        }
        return true;
    }

    @Override
    public String getValue() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return getValue();
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) return -1; // Jackson then falls back to asUnquotedUTF8
        System.arraycopy(bytes, this.offset, buffer, offset, length);
        return length;
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    // Jackson calls none of the following for raw values; they exist to satisfy the interface.
    @Override
    public char[] asQuotedChars() {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] asQuotedUTF8() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        char[] chars = getValue().toCharArray();
        if (offset + chars.length > buffer.length) return -1;
        System.arraycopy(chars, 0, buffer, offset, chars.length);
        return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < length) return -1;
        buffer.put(bytes, offset, length);
        return length;
    }
}
