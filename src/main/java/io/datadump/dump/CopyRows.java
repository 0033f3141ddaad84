package io.datadump.dump;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits PostgreSQL's COPY text format (tab-separated fields, one row per line, {@code \N} for NULL, backslash
 * escapes) into rows and fields, in place in the bytes the server sent. No {@code String} is made: a field is
 * handed out as a {@link ByteSlice}, unescaped into a scratch buffer only when it contains a backslash.
 * Chunks may split rows anywhere (the server sends one row per message, but nothing here relies on it).
 */
final class CopyRows {
    /** The COPY data as it arrives: chunks of bytes, {@code null} at the end. */
    interface Source {
        byte[] next() throws IOException;
    }

    private final Source source;
    private final int columns;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] escaped;
    private final ByteSlice value = new ByteSlice();
    private byte[] buffer = new byte[0];
    private int position;
    private int limit;
    private byte[] unescaped = new byte[256];

    CopyRows(Source source, int columns) {
        this.source = source;
        this.columns = columns;
        this.starts = new int[columns];
        this.ends = new int[columns];
        this.escaped = new boolean[columns];
    }

    /** Moves to the next row; false at the end of the data. */
    boolean next() throws IOException {
        while (true) {
            int p = position, field = 0;
            boolean escape = false;
            starts[0] = p;
            while (p < limit) {
                byte b = buffer[p];
                if (b == '\t') {
                    if (field == columns - 1)
                        throw new IOException("COPY row has more than the " + columns + " expected fields");
                    ends[field] = p;
                    escaped[field] = escape;
                    escape = false;
                    starts[++field] = p + 1;
                } else if (b == '\n') {
                    if (field != columns - 1)
                        throw new IOException("COPY row has " + (field + 1) + " fields, expected " + columns);
                    ends[field] = p;
                    escaped[field] = escape;
                    position = p + 1;
                    return true;
                } else if (b == '\\') {
                    escape = true;
                    p++; // the escaped byte is never a separator
                }
                p++;
            }
            if (!fill()) {
                if (position < limit) throw new IOException("COPY data ends inside a row");
                return false;
            }
        }
    }

    boolean isNull(int field) {
        return escaped[field] && ends[field] - starts[field] == 2 && buffer[starts[field] + 1] == 'N';
    }

    /** The field's value as PostgreSQL's text output rendered it (escapes undone). Valid until the next call. */
    ByteSlice value(int field) {
        int start = starts[field], length = ends[field] - start;
        if (!escaped[field]) return value.set(buffer, start, length);
        if (unescaped.length < length) unescaped = new byte[Math.max(length, unescaped.length * 2)];
        int n = 0;
        for (int i = start, end = ends[field]; i < end; i++) {
            byte b = buffer[i];
            if (b != '\\' || i + 1 == end) {
                unescaped[n++] = b;
                continue;
            }
            byte e = buffer[++i];
            switch (e) {
                case 'n' -> unescaped[n++] = '\n';
                case 't' -> unescaped[n++] = '\t';
                case 'r' -> unescaped[n++] = '\r';
                case 'b' -> unescaped[n++] = '\b';
                case 'f' -> unescaped[n++] = '\f';
                case 'v' -> unescaped[n++] = 0x0B;
                default -> unescaped[n++] = e; // \\ and an escaped delimiter; COPY TO emits no octal or hex escapes
            }
        }
        return value.set(unescaped, 0, n);
    }

    /** Appends the next chunk after the unread rest of the current one. */
    private boolean fill() throws IOException {
        byte[] chunk = source.next();
        if (chunk == null) return false;
        int rest = limit - position;
        if (rest == 0) {
            buffer = chunk;
            limit = chunk.length;
        } else {
            byte[] joined = Arrays.copyOfRange(buffer, position, position + rest + chunk.length);
            System.arraycopy(chunk, 0, joined, rest, chunk.length);
            buffer = joined;
            limit = joined.length;
        }
        position = 0;
        return true;
    }
}
