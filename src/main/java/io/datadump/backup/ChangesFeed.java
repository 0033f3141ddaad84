package io.datadump.backup;

import io.datadump.dump.TableDiff;
import io.datadump.wire.ChangeLines;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the changes feed ({@code GET /v1/datadump/<table>/changes}) as the server writes it, one operation a line:
 * {@code {"op":"upsert","row":<row>}} or {@code {"op":"delete","id":<id>}}. A row is handed on as its bytes, unparsed
 * (it is the dump's row exactly), so a feed of a million rows costs about what reading its bytes does.
 */
final class ChangesFeed {
    private static final byte[] UPSERT = ChangeLines.UPSERT;
    private static final byte[] DELETE = ChangeLines.DELETE;

    private final InputStream in;
    private final String what;
    private final byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private byte[] line = new byte[1 << 12];

    ChangesFeed(InputStream in, String what) {
        this.in = in;
        this.what = what;
    }

    /** Hands every operation to {@code sink}, in the feed's order. */
    void readInto(TableDiff.Sink sink) throws IOException {
        for (int length; (length = nextLine()) >= 0; ) {
            if (length == 0) continue;
            if (line[length - 1] == '}' && startsWith(UPSERT, length)) {
                int rowLength = length - UPSERT.length - 1;
                System.arraycopy(line, UPSERT.length, line, 0, rowLength);
                sink.upsert(line, rowLength);
            } else if (line[length - 1] == '}' && startsWith(DELETE, length)) {
                sink.delete(id(length));
            } else {
                throw unreadable(length);
            }
        }
    }

    private long id(int length) {
        long id = 0;
        int end = length - 1;
        if (end == DELETE.length || end - DELETE.length > 18) throw unreadable(length);
        for (int i = DELETE.length; i < end; i++) {
            byte b = line[i];
            if (b < '0' || b > '9') throw unreadable(length);
            id = id * 10 + (b - '0');
        }
        return id;
    }

    private boolean startsWith(byte[] prefix, int length) {
        return length > prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    private BackupException unreadable(int length) {
        String start = new String(line, 0, Math.min(length, 80), StandardCharsets.UTF_8);
        return new BackupException("the changes of " + what + " hold a line that is no change (" + start
                + "…); is the URL a datadump server?");
    }

    /** The next line's length in {@link #line} (without its line break), or -1 at the end. */
    private int nextLine() throws IOException {
        int n = 0;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    return n == 0 ? -1 : n;
                }
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') pos++;
            int take = pos - start;
            if (n + take > line.length) line = Arrays.copyOf(line, Math.max(n + take, line.length * 2));
            System.arraycopy(buf, start, line, n, take);
            n += take;
            if (pos < limit) {
                pos++; // the line break
                return n;
            }
        }
    }
}
