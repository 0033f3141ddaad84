package io.datadump.wire;

import java.nio.charset.StandardCharsets;

/**
 * The lines of the changes feed ({@code GET /v1/datadump/<table>/changes}), as the server writes them and the sync
 * client reads them: {@code {"op":"upsert","row":<row>}} and {@code {"op":"delete","id":<id>}}, each ending a line.
 */
public final class ChangeLines {
    /** Starts an upsert's line; the row follows as the dump wrote it. */
    public static final byte[] UPSERT = "{\"op\":\"upsert\",\"row\":".getBytes(StandardCharsets.US_ASCII);
    /** Starts a delete's line; the id follows in decimal. */
    public static final byte[] DELETE = "{\"op\":\"delete\",\"id\":".getBytes(StandardCharsets.US_ASCII);
    /** Ends either line. */
    public static final byte[] END = "}\n".getBytes(StandardCharsets.US_ASCII);

    private ChangeLines() {}
}
