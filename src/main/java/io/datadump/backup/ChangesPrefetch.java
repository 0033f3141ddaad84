package io.datadump.backup;

import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The changes feeds of a sync's tables, fetched a few at a time into temporary files, largest first, and handed to the
 * sync in the order they arrive: the server computes each feed by reading two whole files, so fetched one after
 * another in the tables' order a scale-100 account's night took 9 s, 5 of them waiting. Each file is deleted once
 * read, and all of them when the sync ends.
 */
final class ChangesPrefetch implements AutoCloseable {
    /** Feeds fetched at once: the server's diff is CPU and disk bound, and a small server has two cores. */
    static final int PARALLEL = 3;

    /** A table whose changes are wanted: since which dump, which then had {@code sinceRows} rows. */
    record Wanted(ApiBodies.IndexedTable table, long since, long sinceRows) {}

    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "sync-changes");
        t.setDaemon(true);
        return t;
    });
    private final CompletionService<Wanted> arrivals = new ExecutorCompletionService<>(pool);
    /** Each fetched table's file, or empty when its {@code since} dump is retained no more. */
    private final Map<String, Optional<Path>> fetched = new ConcurrentHashMap<>();

    private final Path dir;
    private int pending;

    /** Starts fetching the changes of {@code tables} from each one's {@code since} dump to {@code dumpId}. */
    ChangesPrefetch(DumpServer server, long dumpId, List<Wanted> tables) throws IOException {
        this.dir = Files.createTempDirectory("datadump-sync");
        // the largest first: the largest feed takes longest, and the others arrive while it is computed
        List<Wanted> largestFirst = tables.stream()
                .sorted(Comparator.comparingLong((Wanted w) -> w.table().jsonBytes())
                        .reversed())
                .toList();
        for (Wanted w : largestFirst) {
            ApiBodies.IndexedTable t = w.table();
            // no feed is longer than every row of the newer dump plus a delete of every row of the older one
            long bound = t.jsonBytes() + 32 * t.rows() + 48 * w.sinceRows() + 4096;
            arrivals.submit(() -> {
                Optional<InputStream> feed = server.changes(t.name(), w.since(), dumpId, bound);
                if (feed.isEmpty()) {
                    fetched.put(t.name(), Optional.empty());
                    return w;
                }
                Path file = dir.resolve(t.name() + ".ndjson");
                try (InputStream in = feed.get()) {
                    Files.copy(in, file);
                }
                fetched.put(t.name(), Optional.of(file));
                return w;
            });
            pending++;
        }
    }

    /** The next table whose changes have arrived, or empty when all have; throws what a fetch failed with. */
    Optional<Wanted> next() throws IOException {
        if (pending == 0) return Optional.empty();
        try {
            Wanted w = arrivals.take().get();
            pending--;
            return Optional.of(w);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof IOException io) throw io;
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    /**
     * The changes of a table {@link #next} handed out (deleted from disk when closed), or empty when its {@code since}
     * dump is retained no more.
     */
    Optional<InputStream> open(String table) throws IOException {
        Optional<Path> file = fetched.get(table);
        if (file == null) throw new IllegalStateException("the changes of " + table + " have not arrived");
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
