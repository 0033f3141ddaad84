package io.datadump.backup;

import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One table of a dump being pulled into its partial folder: kept if it arrived before an interruption, linked if a
 * file with its sha256 is held already, else downloaded (resumed with Range from its {@code .part} file) and verified
 * against the index's sha256 before it gets its name. Shared by the pull's download threads.
 */
final class TablePull {
    /** Excel's sheet holds 1,048,576 rows, one of them the header (the server refuses a larger xlsx). */
    private static final long XLSX_MAX_ROWS = 1_048_575;

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
    /** Files of {@code --format} that cannot exist, with why. */
    final List<String> skipped = new CopyOnWriteArrayList<>();

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
        if (heldAlready(file, target, sha)) {
            progress.advance(Files.size(target));
            return;
        }
        Path part = partial.resolve(file + ".part");
        DumpServer.Download d = fetch(
                server.link(table, dumpId),
                part,
                sha,
                new DumpServer.Announced(t.bytes(), t.jsonBytes()),
                progress::counting);
        // A gzip file comes as stored (we accept gzip); a plain file always comes plain.
        if (d.gzip() && !storedGzip) {
            throw new BackupException(
                    "the server sent " + table + " compressed although it is stored plain; run pull again");
        }
        keep(part, d.gzip() ? file : table + ".json", d.gzip() || !storedGzip ? sha : t.jsonSha256(), table, d);
    }

    /**
     * Pulls table {@code t} in {@code format} (one of {@link BackupNames#EXTRA_FORMATS}) beside its JSON: the server
     * makes the file on first request and answers with its size and sha256, against which the download is verified.
     * An xlsx of a table over Excel's rows does not exist: it is skipped and reported.
     */
    void pull(ApiBodies.IndexedTable t, String format) throws IOException {
        String table = t.name();
        if (format.equals("xlsx") && t.rows() > XLSX_MAX_ROWS) {
            skipped.add(table + ".xlsx (" + t.rows() + " rows; an Excel sheet holds " + XLSX_MAX_ROWS + ")");
            return;
        }
        String file = table + "." + BackupNames.EXTRA_FORMATS.get(format);
        Path target = BackupNames.file(partial, file, "the server's index");
        ApiBodies.Link link = server.link(table, dumpId, format);
        String sha = link.sha256();
        if (sha == null || !sha.matches("[0-9a-f]{64}") || link.bytes() < 0)
            throw new BackupException("the server's link to " + file + " has no valid size and sha256");
        if (heldAlready(file, target, sha)) return;
        Path part = partial.resolve(file + ".part");
        DumpServer.Download d = fetch(
                server.resolve(link), part, sha, new DumpServer.Announced(link.bytes(), link.bytes()), out -> out);
        keep(part, file, sha, file, d);
    }

    /**
     * Downloads {@code url} into {@code part}, resuming what an interrupted pull left there (Range, with If-Range on the
     * file's sha256); {@code counting} wraps the file's stream (the progress bar of the JSON files).
     */
    private DumpServer.Download fetch(
            URI url, Path part, String sha, DumpServer.Announced announced, UnaryOperator<OutputStream> counting)
            throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have >= announced.storedBytes()) { // a leftover no resumed download can complete: start over
            Files.delete(part);
            have = 0;
        }
        return server.download(
                url,
                have,
                "\"" + sha + "\"",
                announced,
                append -> counting.apply(Files.newOutputStream(
                        part,
                        StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)),
                limit);
    }

    /** A downloaded {@code part} verified against {@code expected} and named {@code name}, else deleted and refused. */
    private void keep(Path part, String name, String expected, String what, DumpServer.Download d) throws IOException {
        if (!LocalBackups.sha256(part).equals(expected)) {
            Files.delete(part);
            throw new BackupException(
                    "the download of " + what + " of dump " + dumpId + " does not match its sha256; run pull again");
        }
        Path target = partial.resolve(name);
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        sums.put(name, expected);
        bySha.put(expected, target);
        totals.downloaded.addAndGet(d.bytes());
        if (d.status() == 206) totals.resumed.incrementAndGet();
    }

    /**
     * Whether {@code target} needs no download: it arrived before an interruption, or a file with its sha256 is held
     * (then linked to it). Either way it is listed in the sums.
     */
    private boolean heldAlready(String file, Path target, String sha) throws IOException {
        if (Files.exists(target) && LocalBackups.sha256(target).equals(sha)) {
            sums.put(file, sha);
            return true;
        }
        Path same = bySha.get(sha);
        if (same == null || !Files.exists(same)) return false;
        link(same, target);
        sums.put(file, sha);
        totals.reused.addAndGet(Files.size(target));
        return true;
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
