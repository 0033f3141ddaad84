package io.datadump.formats;

import io.datadump.db.Jdbc;
import io.datadump.dump.DigestingOutputStream;
import io.datadump.dump.DumpFileKey;
import io.datadump.dump.DumpFiles;
import io.datadump.dump.DumpRun;
import io.datadump.dump.TableFile;
import io.datadump.schema.CustomFields;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TypedColumn;
import io.datadump.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The representations of a dump's table: its stored file for plain JSON with every column, and otherwise a converted
 * file made from it on first request ({@link RowConverter}, streaming) and kept in storage beside the dump under
 * {@code formats/}, registered with its size and SHA-256. Every representation is then an ordinary stored object with
 * a strong ETag, ranges and presigned links, and is deleted with its dump.
 */
public final class Representations {
    private static final Logger log = LoggerFactory.getLogger(Representations.class);
    /** A stored representation: where it is, its media type, and its size and hash as sent (gzip or not). */
    public record Representation(
            String key,
            Format format,
            String contentType,
            boolean storedGzip,
            long bytes,
            String sha256,
            long plainBytes,
            String plainSha256) {}

    private final Jdbc jdbc;
    private final Jdbc source;
    private final TableCatalog catalog;
    private final Storage storage;
    private final DumpFiles files;
    private final TableTypes types;
    /** Requests for the same representation on this node wait for one conversion instead of each making one. */
    private final ConcurrentHashMap<String, Object> converting = new ConcurrentHashMap<>();

    public Representations(
            Jdbc jdbc, Jdbc source, TableCatalog catalog, CustomFields customFields, Storage storage, DumpFiles files) {
        this.jdbc = jdbc;
        this.source = source;
        this.catalog = catalog;
        this.storage = storage;
        this.files = files;
        this.types = new TableTypes(source, catalog, customFields);
    }

    /**
     * The representation of a table in {@code format} with {@code columns} (a table's keys, in the order wanted), made
     * now if it was not yet; asked for by a request or a delivery, so it is made ahead for the next dump.
     */
    public Representation of(DumpRun run, TableFile file, List<String> keys, Format format, List<String> columns) {
        return representation(run, file, keys, format, columns, true);
    }

    private Representation representation(
            DumpRun run, TableFile file, List<String> keys, Format format, List<String> columns, boolean requested) {
        if (format == Format.JSON && columns.equals(keys)) {
            String key = DumpFileKey.tableFile(run, file);
            return new Representation(
                    key,
                    format,
                    format.contentType(),
                    file.gzip(),
                    file.bytes(),
                    file.sha256(),
                    file.jsonBytes(),
                    file.jsonSha256());
        }
        String key = DumpFileKey.converted(run, file.name(), variant(keys, columns), format.extension());
        Object lock = converting.computeIfAbsent(key, k -> new Object());
        try {
            synchronized (lock) {
                Optional<Made> made = find(key);
                if (made.isEmpty()) return convert(run, file, key, format, keys, columns, requested);
                if (requested && !made.get().requested()) markRequested(key);
                return made.get().representation();
            }
        } finally {
            converting.remove(key, lock);
        }
    }

    /** Records that a file made ahead was asked for (by its first request only: the lookup read the flag). */
    private void markRequested(String key) {
        jdbc.update("UPDATE dump_representations SET requested = true WHERE storage_key = ? AND NOT requested", key);
    }

    /**
     * Makes, for a newly published dump, every conversion that was asked for of the dump before it: a BI tool that
     * refreshes the same CSV every morning then finds it ready instead of waiting for the conversion. One that was only
     * made ahead, and not asked for, is not made again: what nobody fetches stops being made. Returns how many were
     * made; a failure is left to the first request to retry.
     */
    public int prewarm(DumpRun previous, DumpRun current) {
        record Requested(String table, Format format, List<String> columns) {}
        List<Requested> requested = jdbc.query(
                "SELECT DISTINCT table_name, format, columns FROM dump_representations WHERE run_id = ? AND requested",
                rs -> new Requested(
                        rs.getString(1), Format.parse(rs.getString(2)).orElseThrow(), List.of((String[])
                                rs.getArray(3).getArray())),
                previous.id());
        int made = 0;
        for (Requested r : requested) {
            Optional<TableFile> file = current.manifest().flatMap(m -> m.table(r.table()));
            if (file.isEmpty()) continue;
            List<String> keys = keysOf(file.get());
            if (!keys.containsAll(r.columns())) continue; // a custom field was removed since
            representation(current, file.get(), keys, r.format(), r.columns(), false);
            made++;
        }
        return made;
    }

    /**
     * Makes every table of a newly published dump in each of {@code formats}, all columns (DATADUMP_PRECOMPUTE_FORMATS),
     * skipping an xlsx over Excel's rows. Returns how many were made; a failure is logged and left to the first request.
     */
    public int precompute(DumpRun run, List<Format> formats) {
        int made = 0;
        for (TableFile file : run.manifest().map(m -> m.tables()).orElse(List.of())) {
            List<String> keys = keysOf(file);
            for (Format format : formats) {
                if (!format.holds(file.rows())) continue;
                try {
                    representation(run, file, keys, format, keys, false);
                    made++;
                } catch (RuntimeException e) {
                    log.warn(
                            "dump {}: {} as {} not made ahead ({}); the first request makes it",
                            run.id(),
                            file.name(),
                            format.key(),
                            e.getMessage());
                }
            }
        }
        return made;
    }

    /** DuckDB's {@code columns} map of a dump's table (see {@link DuckDbColumns}). */
    public String duckDbColumns(DumpRun run, TableFile file) {
        return DuckDbColumns.of(types.of(run, file.name(), keysOf(file)));
    }

    /** A row's keys in order: from the manifest, or for dumps made before it recorded them, from the catalog. */
    public List<String> keysOf(TableFile file) {
        if (file.keys() != null) return file.keys();
        List<String> keys = new ArrayList<>(source.withHandle(h -> catalog.builtInFields(h.connection(), file.name())));
        keys.addAll(file.customFields());
        return keys;
    }

    /** A converted representation made before, by its storage key, and whether it was asked for. */
    private record Made(Representation representation, boolean requested) {}

    private Optional<Made> find(String key) {
        return jdbc.queryFirst(
                "SELECT format, byte_count, sha256, requested FROM dump_representations WHERE storage_key = ?",
                rs -> {
                    Format f = Format.parse(rs.getString(1)).orElseThrow();
                    return new Made(
                            new Representation(
                                    key,
                                    f,
                                    f.contentType(),
                                    false,
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getLong(2),
                                    rs.getString(3)),
                            rs.getBoolean(4));
                },
                key);
    }

    private Representation convert(
            DumpRun run,
            TableFile file,
            String key,
            Format format,
            List<String> keys,
            List<String> columns,
            boolean requested) {
        long rows;
        DigestingOutputStream out;
        List<TypedColumn> typed = format.typed()
                ? types.of(run, file.name(), idFirst(format, keys, columns))
                : TableTypes.untyped(columns);
        ValueMisfits misfits = new ValueMisfits();
        try (Storage.ObjectSink sink = storage.create(key);
                InputStream in = files.openJson(run, file)) {
            out = new DigestingOutputStream(sink);
            rows = RowConverter.convert(in, out, format, file.name(), keys, typed, misfits);
            out.flush();
            sink.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("could not convert " + file.name() + " to " + format.key(), e);
        }
        if (misfits.any()) {
            log.warn(
                    "dump {} of account {}: {} as {}: {}",
                    run.id(),
                    run.accountId(),
                    file.name(),
                    format.key(),
                    misfits.describe());
        }
        String sha256 = out.sha256Hex(); // once: the digest resets when read
        // Another node may have made the same file at the same moment: the content is the same, either row will do.
        jdbc.update(
                "INSERT INTO dump_representations (storage_key, run_id, table_name, format, columns, row_count,"
                        + " byte_count, sha256, requested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (storage_key) DO UPDATE SET requested = dump_representations.requested OR"
                        + " excluded.requested",
                key,
                run.id(),
                file.name(),
                format.key(),
                columns,
                rows,
                out.count(),
                sha256,
                requested);
        return new Representation(key, format, format.contentType(), false, out.count(), sha256, out.count(), sha256);
    }

    /**
     * Parquet and xlsx of every column put {@code id} first, where a table viewer and a join look for it; the text
     * formats keep the dump's key order.
     */
    private static List<String> idFirst(Format format, List<String> keys, List<String> columns) {
        if ((format != Format.PARQUET && format != Format.XLSX) || !columns.equals(keys) || !keys.contains("id")) {
            return columns;
        }
        List<String> ordered = new ArrayList<>(List.of("id"));
        keys.stream().filter(k -> !k.equals("id")).forEach(ordered::add);
        return ordered;
    }

    /** "all" for every column in the table's order, else a short hash of the chosen columns in their order. */
    private static String variant(List<String> keys, List<String> columns) {
        if (columns.equals(keys)) return "all";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(",", columns).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
