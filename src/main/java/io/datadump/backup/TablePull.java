package io.datadump.backup;

import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table of a dump being pulled into its partial folder: kept if it arrived before an interruption, linked if a
 * file with its sha256 is held already, else downloaded (resumed with Range from its {@code .part} file) and verified
 * against the index's sha256 before it gets its name. Shared by the pull's download threads.
 */
final class TablePull {
    /** What a pull did, counted across its threads. */
    static final class Totals {
        final AtomicLong tables = new AtomicLong(),
                rows = new AtomicLong(),
                downloaded = new AtomicLong(),
                reused = new AtomicLong(),
                resumed = new AtomicLong();
    }

    private final DumpServer server;
    private final long dumpId;
    private final Path partial;
    private final Map<String, Path> bySha;
    private final Map<String, String> sums;
    private final Totals totals;
    private final RateLimit limit;
    private final PullProgress progress;

    TablePull(
            DumpServer server,
            long dumpId,
            Path partial,
            Map<String, Path> bySha,
            Map<String, String> sums,
            Totals totals,
            RateLimit limit,
            PullProgress progress) {
        this.server = server;
        this.dumpId = dumpId;
        this.partial = partial;
        this.bySha = bySha;
        this.sums = sums;
        this.totals = totals;
        this.limit = limit;
        this.progress = progress;
    }

    /** Pulls table {@code t} (its name checked by {@link BackupNames} already). */
    void pull(ApiBodies.IndexedTable t) throws IOException {
        String table = t.name();
        boolean storedGzip = t.storedGzip();
        String sha = t.sha256();
        String file = table + (storedGzip ? ".json.gz" : ".json");
        Path target = BackupNames.file(partial, file, "the server's index");
        totals.tables.incrementAndGet();
        totals.rows.addAndGet(t.rows());
        if (Files.exists(target) && LocalBackups.sha256(target).equals(sha)) { // finished before an interruption
            sums.put(file, sha);
            progress.advance(t.bytes());
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
        if (have >= t.bytes()) { // a leftover no resumed download can complete: start over
            Files.delete(part);
            have = 0;
        }
        URI url = server.link(table, dumpId);
        DumpServer.Download d = server.download(
                url,
                have,
                "\"" + sha + "\"",
                new DumpServer.Announced(t.bytes(), t.jsonBytes()),
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
        String expected = d.gzip() || !storedGzip ? sha : t.jsonSha256();
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
}
