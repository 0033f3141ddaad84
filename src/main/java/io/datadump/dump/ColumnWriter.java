package io.datadump.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes one non-NULL column value, given as PostgreSQL's text output in UTF-8, as a JSON value. One writer is
 * chosen per column from its PostgreSQL type before the first row, so there is no per-row type dispatch, and
 * bytes go from the server's message into Jackson's buffer without becoming a {@code String}. The rendering is
 * PostgreSQL's {@code to_json}: numbers keep their text (and scale), timestamps get their 'T', arrays and json
 * become JSON arrays and values. {@link ColumnWriters} chooses them.
 */
@FunctionalInterface
interface ColumnWriter {
    void write(ByteSlice value, JsonGenerator out) throws IOException;
}
