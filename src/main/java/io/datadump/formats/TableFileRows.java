package io.datadump.formats;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The rows of a table file (a JSON array of flat objects) located in place, in the buffer they were read into, by
 * {@link JsonFields}: one pass over the bytes. Splitting the rows first ({@link io.datadump.dump.RowScanner}) and then
 * locating their fields read every byte twice and copied it once more; that was half of a Parquet conversion's reading
 * thread. A row that goes on past the bytes read so far is located again once more are read (once a buffer's worth of
 * rows, or for a row longer than what is left of the buffer, which grows for it).
 */
final class TableFileRows implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;
    /** Fewer bytes than this left unread: the next row probably goes on past them, so more are read first. */
    private static final int READ_AHEAD_BYTES = 64 << 10;

    private final InputStream in;
    private final JsonFields fields;
    private final int readAhead;
    private byte[] buf;
    private int pos, limit;
    private boolean eof, first = true;

    TableFileRows(InputStream in, JsonFields fields) {
        this(in, fields, BUFFER_BYTES, READ_AHEAD_BYTES);
    }

    /** With a buffer of {@code bufferBytes} to start with and more read when fewer than {@code readAhead} are left. */
    TableFileRows(InputStream in, JsonFields fields, int bufferBytes, int readAhead) {
        this.in = in;
        this.fields = fields;
        this.buf = new byte[bufferBytes];
        this.readAhead = readAhead;
    }

    /** Locates the next row's fields in {@link JsonFields} (valid until the next call); false after the last row. */
    boolean next() throws IOException {
        int b = skipSeparators();
        if (first) {
            if (b != '[') throw new IOException("a table file is a JSON array");
            first = false;
            pos++;
            b = skipSeparators();
        }
        if (b == ']') return false;
        if (b != '{')
            throw new IOException(b < 0 ? "a table file ends inside its array" : "a table file holds objects");
        while (true) {
            if (limit - pos < readAhead && !eof) readMore();
            try {
                pos = fields.read(buf, pos, limit);
                return true;
            } catch (JsonFields.PastLimit e) {
                if (eof) throw new IOException("a table file ends inside a row");
                if (limit - pos == buf.length) buf = Arrays.copyOf(buf, buf.length * 2); // a row longer than the buffer
                readMore();
            }
        }
    }

    /** Skips white space and the comma between rows; returns the byte at {@code pos} then, or -1 at the end. */
    private int skipSeparators() throws IOException {
        while (true) {
            if (pos == limit) {
                if (eof) return -1;
                readMore();
                continue;
            }
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t' && (b != ',' || first)) return b;
            pos++;
        }
    }

    /** Moves what is unread to the start of the buffer and reads into the rest of it. */
    private void readMore() throws IOException {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < buf.length) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return;
            }
            limit += n;
            if (limit - pos >= readAhead) return;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
