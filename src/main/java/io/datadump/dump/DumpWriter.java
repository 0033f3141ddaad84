package io.datadump.dump;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.storage.Storage;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a dump's objects into storage: its table files and its JSON documents (manifest, current pointer).
 *
 * <p>A table file's bytes pass, in order: a hand-off to a second thread
 * (JSON is encoded on the caller's thread, everything after it on that one), the SHA-256 of the JSON, gzip on up to
 * {@code gzipThreads} threads when enabled, the SHA-256 of the stored bytes, and the storage sink. The object
 * becomes visible in storage only once it is complete.
 */
public final class DumpWriter {
    private static final int HANDOFF_BUFFER_BYTES = 1 << 18, HANDOFF_BUFFERS = 4;
    // One JSON thread feeds at most ~400 MB/s; four zlib threads (~250 MB/s each) keep up with it, and more would
    // only multiply the blocks in memory when a node runs several dumps at once.
    private static final int MAX_GZIP_THREADS = 4;
    private static final int GZIP_BLOCK_BYTES = 1 << 18;

    /** What produces a table's JSON: writes it to the stream, returns the row count. */
    @FunctionalInterface
    interface Rows {
        long writeTo(OutputStream out) throws SQLException, IOException;
    }

    private final Storage storage;
    private final Optional<GzipEngine> gzip;
    private final int gzipThreads;

    private final ObjectMapper json;

    /**
     * {@code parallelism} tables are written at once: their compression shares the cores, so each table gets its
     * share of them (measured: with 8 tables at once and 4 threads each, 32 deflaters took a dump with -Xmx256m to
     * 375 MB resident). Files are gzip files when a {@code gzip} engine is given.
     */
    public DumpWriter(Storage storage, ObjectMapper json, Optional<GzipEngine> gzip, int parallelism) {
        this.json = json;
        this.storage = storage;
        this.gzip = gzip;
        this.gzipThreads =
                Math.max(1, Math.min(MAX_GZIP_THREADS, Runtime.getRuntime().availableProcessors() / parallelism));
    }

    boolean gzip() {
        return gzip.isPresent();
    }

    /**
     * Writes a table's file into the dump directory and describes it. A plain JSON file is written as a delta of the
     * previous dump's file of the table, where storage can (rows are lines in id order): a day's few changed rows are
     * then all the new bytes it stores.
     */
    TableFile writeTable(
            String dumpPrefix,
            Optional<DumpRun> previous,
            String table,
            List<String> keys,
            List<CustomFieldDefinition> customFields,
            String schemaSha256,
            Rows rows,
            DumpTimings timings)
            throws SQLException, IOException {
        String file = DumpFileKey.fileName(table, gzip());
        Optional<String> base = gzip() ? Optional.empty() : previousFile(previous, table, file);
        try (Storage.ObjectSink sink = base.isPresent()
                ? storage.createDelta(DumpFileKey.tableFile(dumpPrefix, file), base.get(), RowKeys.ID)
                : storage.create(DumpFileKey.tableFile(dumpPrefix, file))) {
            DigestingOutputStream stored = new DigestingOutputStream(sink);
            try (ParallelGzipOutputStream compressed = gzip.isPresent()
                    ? new ParallelGzipOutputStream(stored, gzip.get(), gzipThreads, GZIP_BLOCK_BYTES)
                    : null) {
                DigestingOutputStream plain = compressed == null ? stored : new DigestingOutputStream(compressed);
                long rowCount;
                long t0 = System.nanoTime(), t1;
                try (HandoffOutputStream handoff =
                        new HandoffOutputStream(plain, HANDOFF_BUFFER_BYTES, HANDOFF_BUFFERS, "dump-writer-" + table)) {
                    rowCount = rows.writeTo(handoff);
                    t1 = System.nanoTime();
                    timings.add(DumpTimings.Phase.READ, t1 - t0);
                }
                if (compressed != null) compressed.finish();
                sink.flush();
                sink.commitUnsynced(); // synced with the dump's other files, before its manifest (see
                // writeManifestAndSync)
                // what the hand-off thread had still to write, gzip's last blocks and the commit
                timings.add(DumpTimings.Phase.WRITE, System.nanoTime() - t1);
                String storedSha = stored.sha256Hex();
                return new TableFile(
                        table,
                        file,
                        rowCount,
                        stored.count(),
                        storedSha,
                        plain.count(),
                        compressed != null ? plain.sha256Hex() : storedSha,
                        compressed != null ? "gzip" : null,
                        customFields.stream().map(CustomFieldDefinition::name).toList(),
                        keys,
                        null,
                        schemaSha256,
                        customFields);
            }
        }
    }

    private static Optional<String> previousFile(Optional<DumpRun> previous, String table, String file) {
        if (previous.isEmpty() || previous.get().storagePrefix() == null) return Optional.empty();
        return previous.get()
                .manifest()
                .flatMap(m -> m.table(table))
                .filter(then -> then.file().equals(file))
                .map(then -> DumpFileKey.tableFile(previous.get(), then));
    }

    /**
     * Lets every table file whose stored bytes equal the previous dump's file of that table share its storage (a hard
     * link on file storage): with a daily dump, the tables nobody changed cost their space once. Returns their names.
     */
    Set<String> shareUnchanged(DumpRun previous, String dumpPrefix, List<TableFile> files) throws IOException {
        Set<String> shared = new HashSet<>();
        if (previous.manifest().isEmpty() || previous.storagePrefix() == null) return shared;
        for (TableFile now : files) {
            Optional<TableFile> then = previous.manifest().get().table(now.name());
            if (then.isPresent()
                    && then.get().file().equals(now.file())
                    && then.get().bytes() == now.bytes()
                    && then.get().sha256().equals(now.sha256())
                    && storage.shareIdentical(
                            DumpFileKey.tableFile(previous, then.get()),
                            DumpFileKey.tableFile(dumpPrefix, now.file()))) {
                shared.add(now.name());
            }
        }
        return shared;
    }

    /**
     * Writes the dump's manifest and makes it and the dump's table files durable, all at once, except the files now
     * shared with the previous dump (durable since it was published). A dump is never published with a file that a
     * crash could still take: the pointer and the database come after this.
     */
    void writeManifestAndSync(String dumpPrefix, Manifest manifest, Set<String> shared) throws IOException {
        String key = DumpFileKey.manifest(dumpPrefix);
        writeJson(key, manifest, false);
        List<String> unsynced = new ArrayList<>();
        for (TableFile f : manifest.tables())
            if (!shared.contains(f.name())) unsynced.add(DumpFileKey.tableFile(dumpPrefix, f.file()));
        unsynced.add(key);
        storage.sync(unsynced);
    }

    /** Writes a small JSON document, pretty-printed, durably. */
    void writeDocument(String key, Object value) throws IOException {
        writeJson(key, value, true);
    }

    private void writeJson(String key, Object value, boolean durable) throws IOException {
        try (Storage.ObjectSink sink = storage.create(key)) {
            json.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(sink), value);
            if (durable) sink.commit();
            else sink.commitUnsynced();
        }
    }

    /** Jackson closes the stream it wrote to; the sink must stay open until it is committed. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
