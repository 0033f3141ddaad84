package io.datadump.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.dump.RetentionPolicy;
import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Mirrors an account's dumps into a backup directory ({@link LocalBackups}): every table's file exactly as the server
 * stores it (gzip stays gzip), verified against the index's sha256 before it counts, its JSON Schema beside it, then
 * {@code manifest.json} and {@code SHA256SUMS}, and only then the folder gets its name. Interrupted downloads resume
 * with Range from their partial file; a file whose sha256 is already held locally is hard-linked (or copied) instead
 * of downloaded, so pulling an unchanged dump transfers nothing. Every name the server sends passes {@link BackupNames}
 * before it becomes a path, and every body is bounded ({@link DumpServer}).
 */
public final class Puller {
    /**
     * What to pull and how; a body that delivers less than {@link BodyWatch#MIN_BYTES} in {@code idleWindow} is given
     * up.
     */
    public record Options(
            boolean history,
            int parallel,
            long limitBytesPerSecond,
            Optional<RetentionPolicy> keep,
            boolean progress,
            Duration idleWindow,
            List<String> formats) {
        public Options(
                boolean history,
                int parallel,
                long limitBytesPerSecond,
                Optional<RetentionPolicy> keep,
                boolean progress) {
            this(history, parallel, limitBytesPerSecond, keep, progress, Duration.ofMinutes(1), List.of());
        }

        public Options {
            for (String f : formats) {
                if (!BackupNames.EXTRA_FORMATS.containsKey(f)) {
                    throw new BackupException(
                            "--format takes " + String.join(", ", new TreeSet<>(BackupNames.EXTRA_FORMATS.keySet()))
                                    + ", not " + f + " (the JSON is always pulled)");
                }
            }
            formats = List.copyOf(formats);
        }
    }

    /** What a pull did. */
    public record Summary(
            int dumps,
            int tables,
            long rows,
            long downloaded,
            long reused,
            int resumed,
            double seconds,
            List<Path> folders,
            List<Path> downloadedFolders) {}

    private final String baseUrl;
    private final String key;
    private final LocalBackups local;
    private final ObjectMapper json;
    private final PrintStream err;
    private final Clock clock;

    public Puller(String baseUrl, String key, Path dir, ObjectMapper json, PrintStream err, Clock clock) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.local = new LocalBackups(dir);
        this.json = json;
        this.err = err;
        this.clock = clock;
    }

    public Summary pull(Options options) {
        try (DumpServer server = new DumpServer(baseUrl, key, json, options.idleWindow(), "pull")) {
            return pull(server, options);
        }
    }

    private Summary pull(DumpServer server, Options options) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(local.root());
        } catch (IOException e) {
            throw new BackupException("cannot create " + local.root() + " (" + e.getMessage() + ")");
        }
        List<Long> wanted = new ArrayList<>();
        if (options.history()) {
            for (ApiBodies.HistoryEntry d : listed(server.history().dumps(), "the list of dumps"))
                wanted.add(0, BackupNames.dumpId(d.dumpId(), "the server's list of dumps")); // oldest first
        } else {
            wanted.add(BackupNames.dumpId(server.index(Optional.empty()).dumpId(), "the server's index"));
        }
        TablePull.Totals totals = new TablePull.Totals();
        List<Path> folders = new ArrayList<>();
        List<Path> downloadedFolders = new ArrayList<>();
        for (long dumpId : wanted) {
            Optional<LocalBackups.LocalDump> held = local.find(dumpId);
            if (held.isPresent()) {
                folders.add(held.get().dir());
                continue;
            }
            Path folder = pullDump(server, dumpId, options, totals);
            folders.add(folder);
            downloadedFolders.add(folder);
        }
        options.keep().ifPresent(this::prune);
        return new Summary(
                downloadedFolders.size(),
                totals.tables.intValue(),
                totals.rows.get(),
                totals.downloaded.get(),
                totals.reused.get(),
                totals.resumed.intValue(),
                (System.nanoTime() - t0) / 1e9,
                folders,
                downloadedFolders);
    }

    private Path pullDump(DumpServer server, long dumpId, Options options, TablePull.Totals totals) {
        ApiBodies.DumpIndex index = server.index(Optional.of(dumpId));
        if (index.dumpId() != dumpId) {
            throw new BackupException("asked for dump " + dumpId + ", the server answered with dump " + index.dumpId()
                    + "; run pull again");
        }
        LocalDate date = date(index.date());
        List<ApiBodies.IndexedTable> tables = listed(index.tables(), "the index");
        for (ApiBodies.IndexedTable t : tables) {
            BackupNames.table(t.name(), "the server's index");
            if (t.bytes() < 0 || t.jsonBytes() < 0 || t.sha256() == null || t.jsonSha256() == null)
                throw new BackupException("the server's index announces no valid size and sha256 for " + t.name());
        }
        Path partial = local.partial(dumpId);
        try {
            Files.createDirectories(partial);
            Map<String, Path> bySha = new ConcurrentHashMap<>(local.filesBySha());
            Map<String, String> sums = new ConcurrentHashMap<>();
            PullProgress progress = new PullProgress(
                    options.progress() ? err : null,
                    dumpId,
                    tables.stream().mapToLong(ApiBodies.IndexedTable::bytes).sum());
            RateLimit limit = new RateLimit(options.limitBytesPerSecond());
            TablePull tablePull = new TablePull(server, dumpId, partial, bySha, sums, totals, limit, progress);
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.parallel()));
            try {
                List<Future<?>> work = new ArrayList<>();
                for (ApiBodies.IndexedTable t : tables) {
                    work.add(pool.submit(() -> {
                        tablePull.pull(t);
                        return null;
                    }));
                }
                for (String format : options.formats()) {
                    for (ApiBodies.IndexedTable t : tables) {
                        work.add(pool.submit(() -> {
                            tablePull.pull(t, format);
                            return null;
                        }));
                    }
                }
                for (Future<?> f : work) await(f);
            } finally {
                pool.shutdownNow();
            }
            progress.done();
            tablePull.skipped.forEach(skipped -> err.println("dump " + dumpId + ": not pulled: " + skipped));
            for (ApiBodies.IndexedTable t : tables) {
                Files.write(
                        BackupNames.file(partial, t.name() + ".schema.json", "the server's index"),
                        json.writerWithDefaultPrettyPrinter().writeValueAsBytes(server.schema(t.name(), dumpId)));
            }
            ObjectNode manifest = json.valueToTree(index);
            manifest.put("source", server.base());
            manifest.put("pulled_at", Instant.now(clock).toString());
            Files.write(
                    partial.resolve(LocalBackups.MANIFEST),
                    json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            LocalBackups.writeSums(partial, sums); // last: a folder without it is not complete
            Path folder = local.folder(date, dumpId);
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            return folder;
        } catch (FileSystemException e) {
            throw diskError(e);
        } catch (IOException e) {
            throw diskError(e);
        }
    }

    /** Keeps the local dumps the policy keeps (counted from the newest local dump), deletes the others. */
    private void prune(RetentionPolicy policy) {
        List<LocalBackups.LocalDump> held = new ArrayList<>(local.complete());
        Collections.reverse(held); // newest first
        Set<Long> keep = policy.keep(held.stream()
                .map(d -> new RetentionPolicy.Dated(d.dumpId(), d.date()))
                .toList());
        for (LocalBackups.LocalDump d : held) {
            if (keep.contains(d.dumpId())) continue;
            try {
                LocalBackups.deleteTree(d.dir());
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + d.dir(), e);
            }
        }
    }

    private static LocalDate date(String date) {
        try {
            return LocalDate.parse(String.valueOf(date));
        } catch (DateTimeParseException e) {
            throw new BackupException("the server's index gives no valid date (" + date + "); run pull again");
        }
    }

    private static <T> List<T> listed(List<T> list, String what) {
        if (list == null) throw new BackupException(what + " from the server lists nothing; is the URL right?");
        return list;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BackupException b) throw b;
            if (cause instanceof IOException io) throw diskError(io);
            throw new BackupException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted; run pull again to resume");
        }
    }

    private static BackupException diskError(IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("No space left")) {
            return new BackupException("the disk is full; free some space and run pull again (it resumes)", e);
        }
        return new BackupException("cannot write the backup (" + m + "); check the directory and run pull again", e);
    }
}
