package io.datadump.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * NDJSON of every column straight from a table file's bytes: the dump writes a JSON array with one row per line
 * ({@code [\n} row {@code ,\n} row … {@code \n]}), and rows hold no raw line breaks (JSON escapes them), so dropping
 * the brackets and the separating commas gives NDJSON at the speed of copying, with every value byte for byte as dumped.
 */
final class LineTransform {
    private LineTransform() {}

    static long ndjson(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1 << 12];
        int used = 0;
        long rows = 0;
        boolean started = false, ended = false;
        for (int n; (n = in.read(buf)) > 0; ) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b != '\n') {
                    if (used == line.length) line = Arrays.copyOf(line, line.length * 2);
                    line[used++] = b;
                    continue;
                }
                if (ended) throw new IOException("a table file ends with ]");
                if (!started) {
                    if (used != 1 || line[0] != '[')
                        throw new IOException("a table file starts with [ on its own line");
                    started = true;
                } else if (used == 1 && line[0] == ']') {
                    ended = true;
                } else {
                    rows += row(line, used, out);
                }
                used = 0;
            }
        }
        if (!ended && !(started && used == 1 && line[0] == ']')) throw new IOException("a table file ends with ]");
        return rows;
    }

    /** Writes one row line without its trailing comma. */
    private static int row(byte[] line, int length, OutputStream out) throws IOException {
        int end = line[length - 1] == ',' ? length - 1 : length;
        out.write(line, 0, end);
        out.write('\n');
        return 1;
    }
}
