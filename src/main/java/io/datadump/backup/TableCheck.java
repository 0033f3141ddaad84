package io.datadump.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.dump.RowScanner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a loaded table back as {@code row_to_json} in id order and compares it with the dump's file, row for row and
 * byte for byte, streaming both sides: the proof that {@code restore} and {@code sync} hold exactly what was dumped.
 */
final class TableCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TableCheck() {}

    /**
     * The first difference between table {@code schema.table} (only {@code columns}, in their order: a column the dump
     * no longer has is not compared) and the rows of {@code file}, or empty when they are equal.
     */
    static Optional<String> compare(
            Connection c, String schema, String table, List<SqlColumns.Column> columns, InputStream file)
            throws SQLException, IOException {
        String select = "SELECT row_to_json(t)::text FROM (SELECT " + SqlColumns.selectList(columns) + " FROM "
                + SqlColumns.quote(schema) + "." + SqlColumns.quote(table) + ") t ORDER BY t.id";
        boolean autoCommit = c.getAutoCommit();
        if (autoCommit) c.setAutoCommit(false); // a cursor, so the table streams
        RowScanner rows = new RowScanner(file); // the caller closes the file
        try (var st = c.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery(select)) {
                long n = 0;
                while (true) {
                    byte[] expected = rows.next();
                    boolean more = rs.next();
                    if (expected == null && !more) return Optional.empty();
                    n++;
                    if (expected == null || !more) return Optional.of("row " + n + ": one side has more rows");
                    String want = new String(expected, 0, rows.length(), StandardCharsets.UTF_8);
                    String got = rs.getString(1);
                    if (!want.equals(got) && !sameButMisfits(want, got, columns))
                        return Optional.of("row " + n + " " + difference(want, got));
                }
            }
        } finally {
            if (autoCommit) {
                c.commit();
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Whether a row that reads back differently is the file's row with its misfit custom field values empty (as sync
     * and restore load them, see {@link SqlColumns#loadStaged}).
     */
    private static boolean sameButMisfits(String file, String copy, List<SqlColumns.Column> columns) {
        try {
            ObjectNode want = (ObjectNode) JSON.readTree(file);
            boolean any = false;
            for (SqlColumns.Column c : columns) {
                if (!c.fits(want.get(c.name()))) {
                    want.putNull(c.name());
                    any = true;
                }
            }
            return any && want.equals(JSON.readTree(copy));
        } catch (IOException | ClassCastException e) {
            return false;
        }
    }

    /** Where two renderings of a row differ: the row's id and the first field whose values differ. */
    static String difference(String file, String copy) {
        try {
            JsonNode want = JSON.readTree(file), got = JSON.readTree(copy);
            String id = "(id " + want.path("id").asText() + ")";
            for (Iterator<String> it = want.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!want.get(field).equals(got.get(field))) {
                    return id + " differs in " + field + ": the file has " + abbreviate(String.valueOf(want.get(field)))
                            + ", the table " + abbreviate(String.valueOf(got.get(field)));
                }
            }
            return id + " differs in its fields' order or spelling: " + abbreviate(copy);
        } catch (IOException e) {
            return "differs: " + abbreviate(copy);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
