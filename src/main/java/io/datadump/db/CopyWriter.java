package io.datadump.db;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one table with COPY ... FROM STDIN (text format), the fastest bulk path PostgreSQL has.
 * Values are escaped as COPY's text format requires; arrays are written as PostgreSQL array literals.
 */
public final class CopyWriter implements AutoCloseable {
    private static final int FLUSH_AT = 1 << 20;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private final CopyIn copy;
    private final StringBuilder buf = new StringBuilder(FLUSH_AT + 8192);
    private boolean firstInRow = true;
    private long rows;

    public CopyWriter(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection
                .unwrap(PGConnection.class)
                .getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN (FORMAT text)");
    }

    public CopyWriter value(String s) {
        sep();
        if (s == null) {
            buf.append("\\N");
        } else {
            escape(s);
        }
        return this;
    }

    public CopyWriter value(long v) {
        sep();
        buf.append(v);
        return this;
    }

    public CopyWriter value(Long v) {
        return v == null ? nul() : value(v.longValue());
    }

    public CopyWriter value(boolean v) {
        sep();
        buf.append(v ? 't' : 'f');
        return this;
    }

    public CopyWriter value(Boolean v) {
        return v == null ? nul() : value(v.booleanValue());
    }

    public CopyWriter value(double v) {
        sep();
        buf.append(v);
        return this;
    }

    public CopyWriter value(Double v) {
        return v == null ? nul() : value(v.doubleValue());
    }

    /** A timestamptz, as an ISO instant. */
    public CopyWriter value(Instant t) {
        sep();
        if (t == null) buf.append("\\N");
        else buf.append(t.toString());
        return this;
    }

    public CopyWriter value(LocalDateTime t) {
        if (t == null) return nul();
        sep();
        TIMESTAMP.formatTo(t, buf);
        return this;
    }

    public CopyWriter value(LocalDate d) {
        if (d == null) return nul();
        sep();
        buf.append(d);
        return this;
    }

    /** A number written exactly as given (e.g. "500000.00"), or null. */
    public CopyWriter decimal(String v) {
        if (v == null) return nul();
        sep();
        buf.append(v);
        return this;
    }

    public CopyWriter ids(long... ids) {
        if (ids == null) return nul();
        sep();
        buf.append('{');
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) buf.append(',');
            buf.append(ids[i]);
        }
        buf.append('}');
        return this;
    }

    public CopyWriter texts(String... values) {
        if (values == null) return nul();
        StringBuilder lit = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) lit.append(',');
            lit.append('"');
            for (char ch : values[i].toCharArray()) {
                if (ch == '"' || ch == '\\') lit.append('\\');
                lit.append(ch);
            }
            lit.append('"');
        }
        return value(lit.append('}').toString());
    }

    public CopyWriter nul() {
        sep();
        buf.append("\\N");
        return this;
    }

    public void endRow() throws SQLException {
        buf.append('\n');
        firstInRow = true;
        rows++;
        if (buf.length() >= FLUSH_AT) flush();
    }

    public long rows() {
        return rows;
    }

    private void sep() {
        if (!firstInRow) buf.append('\t');
        firstInRow = false;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> buf.append("\\\\");
                case '\t' -> buf.append("\\t");
                case '\n' -> buf.append("\\n");
                case '\r' -> buf.append("\\r");
                default -> buf.append(ch);
            }
        }
    }

    private void flush() throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
            copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }
}
