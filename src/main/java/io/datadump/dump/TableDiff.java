package io.datadump.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * What changed in a table between two dumps: a streaming merge of the two files, both in id order, one pass over each
 * and memory for two rows. Rows are compared as the bytes the dump wrote (the same row is always written the same
 * way), so unchanged rows are never parsed; only where two rows differ are their ids read to tell an added, changed
 * or deleted row apart. A soft-deleted row is still there, so it is a change carrying its deleted_at.
 */
public final class TableDiff {
    private static final JsonFactory JSON = new JsonFactory();

    /** Receives the changes in id order; a row is its JSON bytes, on one line, valid during the call. */
    public interface Sink {
        void upsert(byte[] row, int length) throws IOException;

        void delete(long id) throws IOException;
    }

    public record Counts(long added, long changed, long deleted) {}

    private TableDiff() {}

    /** Compares two table files (plain JSON arrays, rows in ascending id order). */
    public static Counts diff(InputStream older, InputStream newer, Sink sink) throws IOException {
        try (RowScanner before = new RowScanner(older);
                RowScanner after = new RowScanner(newer)) {
            long added = 0, changed = 0, deleted = 0;
            byte[] a = before.next(), b = null;
            boolean haveB = false; // b holds the newer file's next row, not yet matched
            while (true) {
                if (!haveB) {
                    if (a != null && after.skipIfNext(a, before.length())) { // the same row: compared, not scanned
                        a = before.next();
                        continue;
                    }
                    b = after.next();
                    haveB = true;
                }
                if (a == null && b == null) break;
                if (a != null && b != null && Arrays.equals(a, 0, before.length(), b, 0, after.length())) {
                    a = before.next();
                    haveB = false;
                    continue;
                }
                long idA = a == null ? Long.MAX_VALUE : id(a, before.length());
                long idB = b == null ? Long.MAX_VALUE : id(b, after.length());
                if (idA < idB) {
                    sink.delete(idA);
                    deleted++;
                    a = before.next();
                } else if (idA > idB) {
                    sink.upsert(b, after.length());
                    added++;
                    haveB = false;
                } else {
                    sink.upsert(b, after.length());
                    changed++;
                    a = before.next();
                    haveB = false;
                }
            }
            return new Counts(added, changed, deleted);
        }
    }

    /** Counts only. */
    public static Counts count(InputStream older, InputStream newer) throws IOException {
        return diff(older, newer, new Sink() {
            @Override
            public void upsert(byte[] row, int length) {}

            @Override
            public void delete(long id) {}
        });
    }

    /** The row's top-level id. */
    static long id(byte[] row, int length) throws IOException {
        try (JsonParser p = JSON.createParser(row, 0, length)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isId = "id".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isId && value == JsonToken.VALUE_NUMBER_INT) return p.getLongValue();
                p.skipChildren();
            }
        }
        throw new IOException("a row without a numeric id: " + new String(row, 0, Math.min(length, 200)));
    }
}
