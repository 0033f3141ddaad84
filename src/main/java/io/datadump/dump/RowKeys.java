package io.datadump.dump;

import io.datadump.storage.LineKey;

/**
 * The key of a line of a table file, for storing it as a delta of the previous dump's file: the row's top-level
 * {@code "id"}, when it is a whole number (each row is one line, rows in id order, see
 * {@link io.datadump.schema.TableDefinition#dumpSql}). Other lines ({@code [}, {@code ]}, rows keyed otherwise) have
 * none and are compared where they stand.
 *
 * <p>Keys are in the catalog's order, often alphabetical, so the id can come after nested objects and long texts: the
 * scan skips strings and tracks nesting, and stops at the id.
 */
final class RowKeys {
    static final LineKey ID = RowKeys::id;
    private static final byte[] ID_KEY = {'"', 'i', 'd', '"', ':'};
    private static final int MAX_DIGITS = 18; // fits a long

    private RowKeys() {}

    static long id(byte[] b, int off, int len) {
        int end = off + len, depth = 0;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (c == '"') {
                if (depth == 1 && (b[i - 1] == '{' || b[i - 1] == ',') && startsWith(b, i, end, ID_KEY))
                    return number(b, i + ID_KEY.length, end);
                for (i++; i < end && b[i] != '"'; i++) if (b[i] == '\\') i++; // a string: skipped whole
            } else if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') depth--;
        }
        return LineKey.NONE;
    }

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[at + i] != prefix[i]) return false;
        return true;
    }

    private static long number(byte[] b, int i, int end) {
        boolean negative = i < end && b[i] == '-';
        if (negative) i++;
        int start = i;
        long value = 0;
        while (i < end && b[i] >= '0' && b[i] <= '9' && i - start < MAX_DIGITS) value = value * 10 + (b[i++] - '0');
        if (i == start || i >= end || (b[i] != ',' && b[i] != '}')) return LineKey.NONE;
        return negative ? -value : value;
    }
}
