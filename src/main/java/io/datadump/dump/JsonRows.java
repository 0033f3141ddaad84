package io.datadump.dump;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.datadump.db.Handle;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Streams the rows of any query as a JSON array, one object per line, keys in the query's column order.
 * The rows come through COPY rather than a cursor: the server streams without waiting for fetch round trips,
 * so it produces rows while this thread encodes them, and the text arrives as bytes that the column writers
 * copy without decoding. The rendering is PostgreSQL's row_to_json (see {@link ColumnWriter}).
 */
public final class JsonRows {
    private static final JsonFactory JSON = new JsonFactory();
    private static final SerializedString ROW_SEPARATOR = new SerializedString(",\n");

    private JsonRows() {}

    /** Writes the rows of {@code query} to {@code out}; returns the row count. */
    static long copy(Connection c, String query, OutputStream out) throws SQLException, IOException {
        List<Handle.ColumnInfo> columns = Handle.on(c).columnsOf(query); // described by the server, not executed
        return copy(c, query, columns, out);
    }

    /** The same, with the query's output columns known already (labels and PostgreSQL type names, in order). */
    static long copy(Connection c, String query, List<Handle.ColumnInfo> columns, OutputStream out)
            throws SQLException, IOException {
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT");
        try {
            CopyRows.Source rows = () -> {
                try {
                    return copy.readFromCopy();
                } catch (SQLException e) {
                    throw new IOException(e.getMessage(), e);
                }
            };
            return transcode(rows, columns, out);
        } finally {
            drain(copy);
        }
    }

    /**
     * Writes the rows of COPY text (holding {@code columns}) to {@code out} as the JSON array; returns the row count.
     * The dump's hot loop, on its own: {@code bench --transcoder} times it on rows held in memory.
     */
    public static long transcode(CopyRows.Source copyText, List<Handle.ColumnInfo> columns, OutputStream out)
            throws IOException {
        SerializedString[] keys = new SerializedString[columns.size()];
        ColumnWriter[] writers = new ColumnWriter[keys.length];
        boolean[] text = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new SerializedString(columns.get(i).label());
            writers[i] = ColumnWriters.forType(columns.get(i).type());
            text[i] = ColumnWriters.isText(columns.get(i).type());
        }
        CopyRows source = new CopyRows(copyText, keys.length);
        out.write('[');
        long rows = 0;
        try (JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            gen.setRootValueSeparator(ROW_SEPARATOR);
            gen.writeRaw('\n');
            while (source.next()) {
                gen.writeStartObject();
                for (int i = 0; i < keys.length; i++) {
                    gen.writeFieldName(keys[i]);
                    if (source.isNull(i)) gen.writeNull();
                    else if (text[i]) {
                        ByteSlice t = source.jsonText(i);
                        gen.writeRawUTF8String(t.bytes, t.offset, t.length);
                    } else writers[i].write(source.value(i), gen);
                }
                gen.writeEndObject();
                rows++;
            }
            gen.writeRaw(rows == 0 ? "]\n" : "\n]\n");
        }
        return rows;
    }

    /**
     * After a failure mid-table, reads the rest of the COPY so the connection is usable for the rollback.
     * (CopyOut.cancelCopy sends an asynchronous cancel request, which can hit a later statement instead.)
     */
    private static void drain(CopyOut copy) {
        try {
            while (copy.isActive() && copy.readFromCopy() != null) {
                // discard
            }
        } catch (SQLException e) {
            // the connection itself failed; the pool discards it
        }
    }
}
