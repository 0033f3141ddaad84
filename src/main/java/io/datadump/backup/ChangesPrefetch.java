package io.datadump.backup;

import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The changes feeds of a sync's tables, fetched a few at a time into temporary files while the sync applies earlier
 * tables: the server computes each feed by reading two whole files, which on a scale-100 account took 5 of a night's
 * 9 s one after another. Each file is deleted once read, and all of them when the sync ends.
 */
final class ChangesPrefetch implements AutoCloseable {
    /** Feeds fetched at once: the server's diff is CPU and disk bound, and a small server has two cores. */
    static final int PARALLEL = 3;

    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "sync-changes");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Future<Optional<Path>>> feeds = new HashMap<>();
    private final Path dir;

    /** Starts fetching the changes of {@code tables} from each one's {@code since} dump to {@code dumpId}. */
    ChangesPrefetch(DumpServer server, long dumpId, List<Wanted> tables) throws IOException {
        this.dir = Files.createTempDirectory("datadump-sync");
        // the largest first: the server reads both whole files, so the largest feed is the night's critical path
        // (a scale-100 account's messages, 700 MB, started behind three smaller ones: 5.4 s to the last table)
        List<Wanted> largestFirst = tables.stream()
                .sorted(Comparator.comparingLong((Wanted w) -> w.table().jsonBytes()).reversed())
                .toList();
        for (Wanted w : largestFirst) {
            ApiBodies.IndexedTable t = w.table();
            // no feed is longer than every row of the newer dump plus a delete of every row of the older one
            long bound = t.jsonBytes() + 32 * t.rows() + 48 * w.sinceRows() + 4096;
            feeds.put(t.name(), pool.submit(() -> {
                Optional<InputStream> feed = server.changes(t.name(), w.since(), dumpId, bound);
                if (feed.isEmpty()) return Optional.empty();
                Path file = dir.resolve(t.name() + ".ndjson");
                try (InputStream in = feed.get()) {
                    Files.copy(in, file);
                }
                return Optional.of(file);
            }));
        }
    }

    /** A table whose changes are wanted: since which dump, which then had {@code sinceRows} rows. */
    record Wanted(ApiBodies.IndexedTable table, long since, long sinceRows) {}

    /**
     * The changes of {@code table} (deleted from disk when closed), or empty when its {@code since} dump is retained
     * no more; waits for the fetch, and throws what it failed with.
     */
    Optional<InputStream> open(String table) throws IOException {
        Future<Optional<Path>> feed = feeds.get(table);
        if (feed == null) throw new IllegalStateException("no changes were fetched for " + table);
        Optional<Path> file;
        try {
            file = feed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof IOException io) throw io;
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
        if (file.isEmpty()) return Optional.empty();
        return Optional.of(Files.newInputStream(file.get(), StandardOpenOption.DELETE_ON_CLOSE));
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a file still being written when the pool stopped: the temp directory's cleaning takes it
        }
    }
}
