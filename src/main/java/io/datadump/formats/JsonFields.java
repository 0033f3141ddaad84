package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of a table file (a flat JSON object's bytes, where {@link TableFileRows} read them) located field by field
 * without making a String of any value: per output column, the value's kind and where its bytes are. A Parquet
 * conversion types the values from these bytes; through Jackson, every value became a String first, which was most of
 * the 7 GB a conversion of 1,000,000 contacts allocated (its reading thread now allocates 0.7 GB, lists' elements).
 *
 * <p>Every row of a file has the same keys in the same order, so a field is expected at its position and matched on
 * its quoted bytes; a row with other keys or another order still converts, through a lookup by name. A value's string
 * escapes are decoded only where a value is used ({@link #text}, {@link #unescape}); Jackson reads what is rare
 * (nested values holding escapes, {@code \\u} surrogates).
 */
final class JsonFields {
    enum Kind {
        NULL,
        TRUE,
        FALSE,
        NUMBER,
        STRING,
        ARRAY,
        OBJECT
    }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * Thrown where a row goes on past the bytes at hand; without a stack trace, as a reader of a file meets one a
     * buffer's worth of rows.
     */
    static final class PastLimit extends IOException {
        PastLimit() {
            super("a row of the table file ends inside a value");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final byte[][] quotedKeys; // "key": a key position
    private final int[] slotOfKey; // key position -> output column, or -1
    private final Map<String, Integer> positionOfKey = new HashMap<>();
    private final Kind[] kinds;
    private final int[] starts, ends;
    private final boolean[] escapes, spaces;

    private byte[] row;
    private int length;

    // the value the last call of value() found: for a string its content, without the quotes
    private Kind kind;
    private int start, end;
    private boolean escaped, spaced;

    /** Fields of rows with {@code keys} in that order, kept for {@code columns} (by their index there). */
    JsonFields(List<String> keys, List<String> columns) {
        quotedKeys = new byte[keys.size()][];
        slotOfKey = new int[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            quotedKeys[k] = ('"' + keys.get(k) + "\":").getBytes(StandardCharsets.UTF_8);
            slotOfKey[k] = columns.indexOf(keys.get(k));
            positionOfKey.put(keys.get(k), k);
        }
        int n = columns.size();
        kinds = new Kind[n];
        starts = new int[n];
        ends = new int[n];
        escapes = new boolean[n];
        spaces = new boolean[n];
    }

    /**
     * Locates the fields of the object that starts at {@code bytes[from]} (a key missing from it is null there);
     * returns the position after it. An object that goes on past {@code limit} throws {@link PastLimit}: its reader
     * then reads more and calls again.
     */
    int read(byte[] bytes, int from, int limit) throws IOException {
        this.row = bytes;
        this.length = limit;
        Arrays.fill(kinds, Kind.NULL);
        if (at(from) != '{') throw malformed(from);
        int p = skipSpace(from + 1);
        if (at(p) == '}') return p + 1;
        for (int k = 0; ; k++) {
            int position;
            if (k < quotedKeys.length
                    && Arrays.equals(
                            row,
                            p,
                            Math.min(p + quotedKeys[k].length, length),
                            quotedKeys[k],
                            0,
                            quotedKeys[k].length)) {
                position = k;
                p += quotedKeys[k].length;
            } else {
                if (at(p) != '"') throw malformed(p);
                p = value(p);
                position = positionOfKey.getOrDefault(text(), -1);
                p = skipSpace(p);
                if (at(p) != ':') throw malformed(p);
                p++;
            }
            p = value(skipSpace(p));
            int slot = position < 0 ? -1 : slotOfKey[position];
            if (slot >= 0) {
                kinds[slot] = kind;
                starts[slot] = start;
                ends[slot] = end;
                escapes[slot] = escaped;
                spaces[slot] = spaced;
            }
            p = skipSpace(p);
            byte b = at(p);
            if (b == '}') return p + 1;
            if (b != ',') throw malformed(p);
            p = skipSpace(p + 1);
        }
    }

    /**
     * Makes {@code column}'s value the current one, as {@link #value} would: {@link #kind()}, {@link #start()} and so
     * on then describe it.
     */
    void select(int column) {
        kind = kinds[column];
        start = starts[column];
        end = ends[column];
        escaped = escapes[column];
        spaced = spaces[column];
    }

    /**
     * Reads the value at {@code p} and makes it the current one; returns the position after it. A string's
     * position is its content's, without the quotes.
     */
    int value(int p) throws IOException {
        byte c = at(p);
        escaped = spaced = false;
        if (c == '"') {
            int q = p + 1;
            for (byte b; (b = at(q)) != '"'; q++) {
                if (b == '\\') {
                    escaped = true;
                    q++;
                }
            }
            kind = Kind.STRING;
            start = p + 1;
            end = q;
            return q + 1;
        }
        if (c == '{' || c == '[') return nested(p, c == '{' ? Kind.OBJECT : Kind.ARRAY);
        int q = p;
        while (q < length && !endsAScalar(row[q])) q++;
        if (q == length) throw new PastLimit(); // a scalar never ends a row: the bytes at hand cut it
        start = p;
        end = q;
        kind = switch (c) {
            case 'n' -> literal("null", Kind.NULL);
            case 't' -> literal("true", Kind.TRUE);
            case 'f' -> literal("false", Kind.FALSE);
            default -> {
                if (c != '-' && (c < '0' || c > '9')) throw malformed(p);
                yield Kind.NUMBER;
            }
        };
        return q;
    }

    private int nested(int p, Kind nestedKind) throws IOException {
        int depth = 0, q = p;
        boolean inString = false;
        do {
            byte b = at(q++);
            if (inString) {
                if (b == '\\') {
                    escaped = true;
                    q++;
                } else if (b == '"') inString = false;
            } else if (b == '"') inString = true;
            else if (b == '{' || b == '[') depth++;
            else if (b == '}' || b == ']') depth--;
            else if (b == ' ' || b == '\n' || b == '\r' || b == '\t') spaced = true;
        } while (depth > 0);
        kind = nestedKind;
        start = p;
        end = q;
        return q;
    }

    private Kind literal(String word, Kind literalKind) throws IOException {
        if (end - start != word.length()) throw malformed(start);
        for (int i = 0; i < word.length(); i++) if (row[start + i] != word.charAt(i)) throw malformed(start);
        return literalKind;
    }

    private static boolean endsAScalar(byte b) {
        return b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t' || b == ':';
    }

    /** The position of the first byte at or after {@code p} that is no white space. */
    int skipSpace(int p) {
        while (p < length && (row[p] == ' ' || row[p] == '\n' || row[p] == '\r' || row[p] == '\t')) p++;
        return p;
    }

    /** The byte at {@code p}; a row that goes on past the bytes at hand throws {@link PastLimit}. */
    byte at(int p) throws IOException {
        if (p >= length) throw new PastLimit();
        return row[p];
    }

    private IOException malformed(int p) {
        return new IOException("a row of the table file is no JSON object at byte " + p + " of the row");
    }

    byte[] row() {
        return row;
    }

    Kind kind() {
        return kind;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Whether the current value holds an escape, so its bytes are not its text. */
    boolean escaped() {
        return escaped;
    }

    /**
     * The current value as text: a string's content decoded, a nested value as compact JSON (numbers exactly as
     * written), anything else as written.
     */
    String text() {
        if (kind == Kind.STRING && !escaped) return new String(row, start, end - start, StandardCharsets.UTF_8);
        if (kind == Kind.STRING || ((kind == Kind.ARRAY || kind == Kind.OBJECT) && (escaped || spaced))) {
            int from = kind == Kind.STRING ? start - 1 : start, to = kind == Kind.STRING ? end + 1 : end;
            try (JsonParser parser = JSON.createParser(row, from, to - from)) {
                parser.nextToken();
                return kind == Kind.STRING ? parser.getText() : JsonRows.nested(parser);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(row, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * The current value's text as UTF-8 into {@code out} at {@code at} (which has room for the value's bytes); returns
     * its length, or -1 where the text needs {@link #text} (a nested value with escapes, a surrogate). The bytes are
     * those of {@link #text}: a nested value without escapes loses only its white space (between values; a string's
     * own bytes are no escapes then), and a string's escapes are decoded.
     */
    int unescape(byte[] out, int at) {
        if (kind == Kind.STRING && escaped) return decodeString(out, at);
        if ((kind == Kind.ARRAY || kind == Kind.OBJECT) && escaped) return -1;
        if ((kind == Kind.ARRAY || kind == Kind.OBJECT) && spaced) {
            int n = at;
            boolean inString = false;
            for (int i = start; i < end; i++) {
                byte b = row[i];
                if (b == '"') inString = !inString;
                else if (!inString && (b == ' ' || b == '\n' || b == '\r' || b == '\t')) continue;
                out[n++] = b;
            }
            return n - at;
        }
        System.arraycopy(row, start, out, at, end - start);
        return end - start;
    }

    /** A string's content with its escapes decoded (never longer than the content's bytes); -1 for a surrogate. */
    private int decodeString(byte[] out, int at) {
        int n = at;
        for (int i = start; i < end; i++) {
            byte b = row[i];
            if (b != '\\') {
                out[n++] = b;
                continue;
            }
            byte e = row[++i];
            switch (e) {
                case 'n' -> out[n++] = '\n';
                case 't' -> out[n++] = '\t';
                case 'r' -> out[n++] = '\r';
                case 'b' -> out[n++] = '\b';
                case 'f' -> out[n++] = '\f';
                case 'u' -> {
                    int c = i + 4 < end ? hex(i + 1) : -1;
                    if (c < 0 || (c >= 0xD800 && c <= 0xDFFF)) return -1;
                    i += 4;
                    if (c < 0x80) out[n++] = (byte) c;
                    else if (c < 0x800) {
                        out[n++] = (byte) (0xC0 | c >> 6);
                        out[n++] = (byte) (0x80 | (c & 0x3F));
                    } else {
                        out[n++] = (byte) (0xE0 | c >> 12);
                        out[n++] = (byte) (0x80 | (c >> 6 & 0x3F));
                        out[n++] = (byte) (0x80 | (c & 0x3F));
                    }
                }
                default -> out[n++] = e; // \" \\ \/
            }
        }
        return n - at;
    }

    private int hex(int from) {
        int v = 0;
        for (int i = from; i < from + 4; i++) {
            int d = Character.digit(row[i], 16);
            if (d < 0) return -1;
            v = v << 4 | d;
        }
        return v;
    }
}
