package io.datadump.backup;

import static io.datadump.backup.SqlColumns.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.db.Handle;
import io.datadump.dump.RowScanner;
import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

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
        Map<String, List<SqlColumns.Column>> loaded = new HashMap<>();
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
                List<SqlColumns.Column> columns = SqlColumns.of(rowSchema);
                h.execute("CREATE TABLE " + qualified + " (" + SqlColumns.definitions(columns) + ")");
                h.execute("TRUNCATE datadump_restore_rows");
                copyRows(c, file(dump, table));
                long rows = SqlColumns.loadStaged(h, "datadump_restore_rows", qualified, columns)
                        .inserted();
                if (rows != t.rows())
                    throw new BackupException(table + ": " + rows + " rows loaded, the manifest says " + t.rows());
                results.add(new TableResult(table, rows, Optional.empty()));
                loaded.put(table, columns);
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
        for (TableResult r : results) {
            try (InputStream file = open(file(dump, r.table()))) {
                checked.add(new TableResult(
                        r.table(), r.rows(), TableCheck.compare(c, schema, r.table(), loaded.get(r.table()), file)));
            }
        }
        return checked;
    }

    /** Streams a table file's rows into the staging table. */
    private static void copyRows(Connection c, Path file) throws SQLException, IOException {
        try (RowCopy copy = new RowCopy(c, "COPY datadump_restore_rows FROM STDIN");
                RowScanner rows = new RowScanner(open(file))) {
            byte[] none = new byte[0];
            for (byte[] row; (row = rows.next()) != null; ) copy.row(none, row, rows.length());
            copy.end();
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
}
