package io.datadump.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.db.Handle;
import io.datadump.dump.RowScanner;
import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads a pulled dump into PostgreSQL: one table per dumped table, its columns typed from the saved JSON Schema
 * (integers, numerics that keep their scale, booleans, dates, timestamps, text, arrays of ids and strings, json for
 * nested values, kept byte for byte), every file loaded with COPY in one transaction and its row count checked. The
 * check reads every table back as {@code row_to_json} and compares it with the file, row for row.
 */
public final class Restorer {
    /** One table: rows loaded, and with the check, the first row that differs from the file (if any). */
    public record TableResult(String table, long rows, Optional<String> mismatch) {}

    private final ObjectMapper json;

    public Restorer(ObjectMapper json) {
        this.json = json;
    }

    /** How to restore: into which schema, replacing what it holds, reading it back, and verifying the files first. */
    public record Options(String schema, boolean replace, boolean check, boolean verifyFirst) {}

    /**
     * Loads the dump in folder {@code dump}. Unless told not to, every file is first checked as {@code verify} checks
     * it (SHA256SUMS, the manifest, row counts): a damaged backup is refused before anything is loaded, so a check
     * never compares the database with a damaged file and calls it exact.
     */
    public List<TableResult> restore(Path dump, Connection c, Options options) throws IOException, SQLException {
        if (!Files.isRegularFile(dump.resolve(LocalBackups.MANIFEST))
                || !Files.isRegularFile(dump.resolve(LocalBackups.SUMS))) {
            throw new BackupException(dump + " is not a complete pulled dump (no manifest.json and SHA256SUMS)");
        }
        String schema = options.schema();
        boolean replace = options.replace();
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new BackupException("--schema takes a plain name: lower-case letters, digits and underscores");
        }
        if (options.verifyFirst()) {
            Verifier.Result verified = new Verifier(dump.getParent(), json, Clock.systemUTC()).verify(dump);
            if (!verified.ok()) {
                List<String> problems = verified.problems();
                throw new BackupException(dump + " is damaged: " + problems.get(0)
                        + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "")
                        + "; pull that dump again, or add --no-verify to restore it as it is");
            }
        }
        ApiBodies.DumpIndex manifest = LocalBackups.manifest(dump, json);
        String source = dump.resolve(LocalBackups.MANIFEST).toString();
        for (ApiBodies.IndexedTable t : manifest.tables()) BackupNames.table(t.name(), source);
        Handle h = Handle.on(c);
        long existing = h.queryFirst(
                        "SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace"
                                + " WHERE n.nspname = ? AND k.relkind IN ('r', 'v', 'm', 'p')",
                        rs -> rs.getLong(1),
                        schema)
                .orElse(0L);
        if (existing > 0 && !replace) {
            throw new BackupException("the schema " + schema + " already holds " + existing
                    + " tables; choose another --schema or add --replace to overwrite it");
        }
        List<TableResult> results = new ArrayList<>();
        c.setAutoCommit(false);
        try {
            if (replace) h.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
            h.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
            h.execute("CREATE TEMP TABLE datadump_restore_rows (row json) ON COMMIT DROP");
            for (ApiBodies.IndexedTable t : manifest.tables()) {
                String table = t.name();
                JsonNode rowSchema = json.readTree(
                        BackupNames.file(dump, table + ".schema.json", source).toFile());
                String qualified = quote(schema) + "." + quote(table);
                h.execute("CREATE TABLE " + qualified + " (" + columns(rowSchema) + ")");
                h.execute("TRUNCATE datadump_restore_rows");
                copyRows(c, file(dump, table));
                long rows = h.update("INSERT INTO " + qualified + " SELECT r.* FROM datadump_restore_rows s,"
                        + " json_populate_record(NULL::" + qualified + ", s.row) r");
                if (rows != t.rows())
                    throw new BackupException(table + ": " + rows + " rows loaded, the manifest says " + t.rows());
                results.add(new TableResult(table, rows, Optional.empty()));
            }
            c.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            h.rollbackQuietly();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
        if (!options.check()) return results;
        List<TableResult> checked = new ArrayList<>();
        for (TableResult r : results)
            checked.add(new TableResult(r.table(), r.rows(), compare(c, schema, r.table(), file(dump, r.table()))));
        return checked;
    }

    /** The column list of a table, from its row schema's properties in order. */
    String columns(JsonNode rowSchema) {
        List<String> columns = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        rowSchema.get("properties").fields();
                it.hasNext(); ) {
            var p = it.next();
            columns.add(quote(p.getKey()) + " " + sqlType(p.getValue()));
        }
        return String.join(", ", columns);
    }

    /** The PostgreSQL type that renders a value exactly as the dump wrote it. */
    static String sqlType(JsonNode p) {
        Set<String> types = types(p.get("type"));
        if (types.size() != 1) return "json"; // a JSON value of any kind, kept as written
        String type = types.iterator().next();
        return switch (type) {
            case "integer" -> "bigint";
            case "number" -> "numeric"; // unconstrained numeric keeps each value's scale: 500000.00 stays so
            case "boolean" -> "boolean";
            case "string" ->
                p.has("format") && p.get("format").asText().equals("date")
                        ? "date"
                        : p.has("format") && p.get("format").asText().equals("date-time")
                                ? "timestamptz"
                                : p.has("pattern") ? "timestamp" : "text";
            case "array" -> {
                if (p.path("x-custom-field").asBoolean()) yield "json"; // stored as jsonb: keep its text
                String item = p.has("items") ? sqlType(p.get("items")) : "json";
                yield item.equals("json") ? "json" : item + "[]";
            }
            default -> "json";
        };
    }

    private static Set<String> types(JsonNode type) {
        Set<String> out = new TreeSet<>();
        if (type == null) return out;
        if (type.isTextual()) out.add(type.asText());
        else type.forEach(t -> out.add(t.asText()));
        out.remove("null");
        return out;
    }

    /** Streams a table file's rows into the staging table, one COPY text line per row. */
    private static void copyRows(Connection c, Path file) throws SQLException, IOException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY datadump_restore_rows FROM STDIN");
        try (RowScanner rows = new RowScanner(open(file))) {
            byte[] line = new byte[1 << 12];
            for (byte[] row; (row = rows.next()) != null; ) {
                int n = 0;
                int length = rows.length();
                if (line.length < length * 2 + 1) line = new byte[length * 2 + 1];
                for (int i = 0; i < length; i++) {
                    byte b = row[i];
                    if (b == '\\' || b == '\t') { // COPY's text format escapes its own delimiters
                        line[n++] = '\\';
                        line[n++] = b == '\t' ? (byte) 't' : (byte) '\\';
                    } else {
                        line[n++] = b;
                    }
                }
                line[n++] = '\n';
                copy.writeToCopy(line, 0, n);
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) copy.cancelCopy();
        }
    }

    /** Reads the table back as row_to_json in id order and compares each row with the file's. */
    private static Optional<String> compare(Connection c, String schema, String table, Path file)
            throws SQLException, IOException {
        c.setAutoCommit(false); // a cursor, so the table streams
        try (var st = c.createStatement();
                RowScanner rows = new RowScanner(open(file))) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery(
                    "SELECT row_to_json(t)::text FROM " + quote(schema) + "." + quote(table) + " t ORDER BY t.id")) {
                long n = 0;
                while (true) {
                    byte[] expected = rows.next();
                    boolean more = rs.next();
                    if (expected == null && !more) return Optional.empty();
                    n++;
                    if (expected == null || !more) return Optional.of("row " + n + ": one side has more rows");
                    String want = new String(expected, 0, rows.length(), StandardCharsets.UTF_8);
                    if (!want.equals(rs.getString(1)))
                        return Optional.of("row " + n + " differs: " + abbreviate(rs.getString(1)));
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private static Path file(Path dump, String table) {
        Path gz = BackupNames.file(dump, table + ".json.gz", dump.toString());
        return Files.exists(gz) ? gz : BackupNames.file(dump, table + ".json", dump.toString());
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
