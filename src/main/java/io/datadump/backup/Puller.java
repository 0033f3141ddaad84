package io.datadump.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.dump.RetentionPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Mirrors an account's dumps into a backup directory ({@link LocalBackups}): every table's file exactly as the server
 * stores it (gzip stays gzip), verified against the index's sha256 before it counts, its JSON Schema beside it, then
 * {@code manifest.json} and {@code SHA256SUMS}, and only then the folder gets its name. Interrupted downloads resume
 * with Range from their partial file; a file whose sha256 is already held locally is hard-linked (or copied) instead
 * of downloaded, so pulling an unchanged dump transfers nothing.
 */
public final class Puller {
    /** What to pull and how. */
    public record Options(
            boolean history,
            int parallel,
            long limitBytesPerSecond,
            Optional<RetentionPolicy> keep,
            boolean progress) {}

    /** What a pull did. */
    public record Summary(
            int dumps,
            int tables,
            long rows,
            long downloaded,
            long reused,
            int resumed,
            double seconds,
            List<Path> folders) {}

    private final DumpServer server;
    private final LocalBackups local;
    private final ObjectMapper json;
    private final PrintStream err;
    private final Clock clock;

    public Puller(String baseUrl, String key, Path dir, ObjectMapper json, PrintStream err, Clock clock) {
        this.server = new DumpServer(baseUrl, key, json);
        this.local = new LocalBackups(dir);
        this.json = json;
        this.err = err;
        this.clock = clock;
    }

    public Summary pull(Options options) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(local.root());
        } catch (IOException e) {
            throw new BackupException("cannot create " + local.root() + " (" + e.getMessage() + ")");
        }
        List<Long> wanted = new ArrayList<>();
        if (options.history()) {
            for (JsonNode d : server.history().get("dumps"))
                wanted.add(0, d.get("dump_id").asLong()); // oldest first
        } else {
            wanted.add(server.index(Optional.empty()).get("dump_id").asLong());
        }
        Totals totals = new Totals();
        List<Path> folders = new ArrayList<>();
        int pulled = 0;
        for (long dumpId : wanted) {
            Optional<LocalBackups.LocalDump> held = local.find(dumpId);
            if (held.isPresent()) {
                folders.add(held.get().dir());
                continue;
            }
            folders.add(pullDump(dumpId, options, totals));
            pulled++;
        }
        options.keep().ifPresent(this::prune);
        return new Summary(
                pulled,
                totals.tables.intValue(),
                totals.rows.get(),
                totals.downloaded.get(),
                totals.reused.get(),
                totals.resumed.intValue(),
                (System.nanoTime() - t0) / 1e9,
                folders);
    }

    private static final class Totals {
        final AtomicLong tables = new AtomicLong(),
                rows = new AtomicLong(),
                downloaded = new AtomicLong(),
                reused = new AtomicLong(),
                resumed = new AtomicLong();
    }

    private Path pullDump(long dumpId, Options options, Totals totals) {
        JsonNode index = server.index(Optional.of(dumpId));
        LocalDate date = LocalDate.parse(index.get("date").asText());
        Path partial = local.partial(dumpId);
        try {
            Files.createDirectories(partial);
            Map<String, Path> bySha = new ConcurrentHashMap<>(local.filesBySha());
            Map<String, String> sums = new ConcurrentHashMap<>();
            List<JsonNode> tables = new ArrayList<>();
            index.get("tables").forEach(tables::add);
            PullProgress progress = new PullProgress(
                    options.progress() ? err : null,
                    dumpId,
                    tables.stream().mapToLong(t -> t.get("bytes").asLong()).sum());
            RateLimit limit = new RateLimit(options.limitBytesPerSecond());
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.parallel()));
            try {
                List<Future<?>> work = new ArrayList<>();
                for (JsonNode t : tables) {
                    work.add(pool.submit(() -> {
                        pullTable(dumpId, t, partial, bySha, sums, totals, limit, progress);
                        return null;
                    }));
                }
                for (Future<?> f : work) await(f);
            } finally {
                pool.shutdownNow();
            }
            progress.done();
            for (JsonNode t : tables) {
                String name = t.get("name").asText();
                Files.write(
                        partial.resolve(name + ".schema.json"),
                        json.writerWithDefaultPrettyPrinter().writeValueAsBytes(server.schema(name, dumpId)));
            }
            ObjectNode manifest = ((ObjectNode) index.deepCopy());
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

    private void pullTable(
            long dumpId,
            JsonNode t,
            Path partial,
            Map<String, Path> bySha,
            Map<String, String> sums,
            Totals totals,
            RateLimit limit,
            PullProgress progress)
            throws IOException {
        String table = t.get("name").asText();
        boolean storedGzip = t.get("bytes").asLong() != t.get("json_bytes").asLong()
                || !t.get("sha256").asText().equals(t.get("json_sha256").asText());
        String sha = t.get("sha256").asText();
        String file = table + (storedGzip ? ".json.gz" : ".json");
        Path target = partial.resolve(file);
        totals.tables.incrementAndGet();
        totals.rows.addAndGet(t.get("rows").asLong());
        if (Files.exists(target) && LocalBackups.sha256(target).equals(sha)) { // finished before an interruption
            sums.put(file, sha);
            progress.advance(t.get("bytes").asLong());
            return;
        }
        Path same = bySha.get(sha);
        if (same != null && Files.exists(same)) {
            link(same, target);
            sums.put(file, sha);
            totals.reused.addAndGet(Files.size(target));
            progress.advance(Files.size(target));
            return;
        }
        Path part = partial.resolve(file + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        URI url = server.link(table, dumpId);
        DumpServer.Download d = server.download(
                url,
                have,
                "\"" + sha + "\"",
                append -> progress.counting(Files.newOutputStream(
                        part,
                        StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)),
                limit);
        // A gzip file comes as stored (we accept gzip); a plain file always comes plain.
        if (d.gzip() && !storedGzip) {
            throw new BackupException(
                    "the server sent " + table + " compressed although it is stored plain; run pull again");
        }
        String name = d.gzip() ? file : table + ".json";
        String expected = d.gzip() || !storedGzip ? sha : t.get("json_sha256").asText();
        if (!LocalBackups.sha256(part).equals(expected)) {
            Files.delete(part);
            throw new BackupException(
                    "the download of " + table + " of dump " + dumpId + " does not match its sha256; run pull again");
        }
        Files.move(part, partial.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        sums.put(name, expected);
        bySha.put(expected, partial.resolve(name));
        totals.downloaded.addAndGet(d.bytes());
        if (d.status() == 206) totals.resumed.incrementAndGet();
    }

    /** A hard link where the file system allows one (no extra space), a copy where not. */
    private static void link(Path existing, Path target) throws IOException {
        Files.deleteIfExists(target);
        try {
            Files.createLink(target, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, target, StandardCopyOption.REPLACE_EXISTING);
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
