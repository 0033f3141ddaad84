package io.datadump.backup;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows of JSON sent to a staging table with COPY's text format, one line a row, unparsed: a row's bytes are escaped
 * (backslash, tab, line breaks are COPY's own delimiters) and written after an optional prefix of leading columns.
 * About ten times faster than batched INSERTs of the same rows.
 */
final class RowCopy implements AutoCloseable {
    private final CopyIn copy;
    private byte[] line = new byte[1 << 12];

    RowCopy(Connection c, String copySql) throws SQLException {
        this.copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    /** One line: {@code prefix} as it is, then the row's bytes as one escaped text column. */
    void row(byte[] prefix, byte[] row, int length) throws SQLException {
        int need = prefix.length + length * 2 + 1;
        if (line.length < need) line = new byte[Math.max(need, line.length * 2)];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        int n = prefix.length;
        for (int i = 0; i < length; i++) {
            byte b = row[i];
            switch (b) {
                case '\\' -> n = escape(n, (byte) '\\');
                case '\t' -> n = escape(n, (byte) 't');
                case '\n' -> n = escape(n, (byte) 'n');
                case '\r' -> n = escape(n, (byte) 'r');
                default -> line[n++] = b;
            }
        }
        line[n++] = '\n';
        copy.writeToCopy(line, 0, n);
    }

    /** A line written as it is (its columns already in COPY's text format, ending in a line break). */
    void raw(byte[] bytes) throws SQLException {
        copy.writeToCopy(bytes, 0, bytes.length);
    }

    /** Ends the COPY; returns the rows it wrote. */
    long end() throws SQLException {
        return copy.endCopy();
    }

    private int escape(int n, byte code) {
        line[n++] = '\\';
        line[n++] = code;
        return n;
    }

    /** Cancels a COPY that did not end (an error on the way), so the connection can roll back. */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) copy.cancelCopy();
    }
}
