package io.datadump.dump;

import java.io.IOException;
import java.util.Arrays;

/**
 * Splits PostgreSQL's COPY text format (tab-separated fields, one row per line, {@code \N} for NULL, backslash
 * escapes) into rows and fields, in place in the bytes the server sent. No {@code String} is made: a field is
 * handed out as a {@link ByteSlice}, unescaped into a scratch buffer only when it contains a backslash.
 * Chunks may split rows anywhere (the server sends one row per message, but nothing here relies on it).
 */
public final class CopyRows {
    /** The COPY data as it arrives: chunks of bytes, {@code null} at the end. */
    public interface Source {
        byte[] next() throws IOException;
    }

    private static final byte PLAIN = 0, TAB = 1, NEWLINE = 2, BACKSLASH = 3, JSON_WORK = 4;
    /** What each byte means to the scan: one table lookup a byte instead of a comparison per separator. */
    private static final byte[] KIND = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) KIND[c] = JSON_WORK;
        KIND['"'] = JSON_WORK;
        KIND['\t'] = TAB;
        KIND['\n'] = NEWLINE;
        KIND['\\'] = BACKSLASH;
    }

    private final Source source;
    private final int columns;
    private final int[] starts;
    private final int[] ends;
    private final boolean[] escaped;
    private final boolean[] needsJsonWork;
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
        this.needsJsonWork = new boolean[columns];
    }

    /** Moves to the next row; false at the end of the data. */
    boolean next() throws IOException {
        while (true) {
            int p = position, field = 0;
            boolean escape = false, jsonWork = false;
            starts[0] = p;
            byte[] b = buffer;
            while (p < limit) {
                int kind = KIND[b[p] & 0xff];
                if (kind == PLAIN) {
                    p++;
                    continue;
                }
                if (kind == TAB) {
                    if (field == columns - 1)
                        throw new IOException("COPY row has more than the " + columns + " expected fields");
                    ends[field] = p;
                    escaped[field] = escape;
                    needsJsonWork[field] = jsonWork;
                    escape = jsonWork = false;
                    starts[++field] = p + 1;
                } else if (kind == NEWLINE) {
                    if (field != columns - 1)
                        throw new IOException("COPY row has " + (field + 1) + " fields, expected " + columns);
                    ends[field] = p;
                    escaped[field] = escape;
                    needsJsonWork[field] = jsonWork;
                    position = p + 1;
                    return true;
                } else if (kind == BACKSLASH) {
                    escape = true;
                    p++; // the escaped byte is never a separator
                    if (p < limit && b[p] == 'v') jsonWork = true; // JSON has no \v
                } else {
                    jsonWork = true; // '"' or a control byte COPY leaves as it is
                }
                p++;
            }
            if (!fill()) {
                if (position < limit) throw new IOException("COPY data ends inside a row");
                return false;
            }
        }
    }

    /**
     * The field as the content of a JSON string, for text columns. COPY's text format escapes a backslash, newline,
     * carriage return, tab, backspace and form feed exactly as JSON does, so a field without a double quote, a raw
     * control byte or a {@code \v} is already JSON and is handed out as it arrived; the others are transcoded in one
     * pass. The escapes are PostgreSQL's escape_json (lower-case hex digits). Valid until the next call.
     */
    ByteSlice jsonText(int field) {
        int start = starts[field], end = ends[field];
        if (!needsJsonWork[field]) return value.set(buffer, start, end - start);
        int worst = (end - start) * 6;
        if (unescaped.length < worst) unescaped = new byte[Math.max(worst, unescaped.length * 2)];
        byte[] out = unescaped;
        int n = 0;
        for (int i = start; i < end; i++) {
            byte b = buffer[i];
            if (b == '\\' && i + 1 < end) {
                byte e = buffer[++i];
                if (e == 'v') n = JsonText.escape((byte) 0x0B, out, n);
                else if (e == 'n' || e == 't' || e == 'r' || e == 'b' || e == 'f' || e == '\\') {
                    out[n++] = '\\';
                    out[n++] = e;
                } else n = JsonText.escape(e, out, n); // an escaped delimiter or other byte stands for itself
            } else n = JsonText.escape(b, out, n);
        }
        return value.set(out, 0, n);
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
