package io.datadump.bench;

import io.datadump.App;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpFileKey;
import io.datadump.dump.DumpResult;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import io.datadump.storage.FileStorage;
import io.datadump.storage.S3Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench --storage --days N}: N daily dumps of a whole account whose data changes by about 1 % a day (1 % of
 * contacts, properties and deals updated, 1 % more notes, e-mails, tasks and appointments), and the bytes they take in
 * storage against one dump's. Each dump is dated a day after the one before, so retention keeps them all, as it keeps
 * a week of daily dumps. On file storage a table file that equals the previous dump's is the same file, and a changed
 * one is a delta of it (see {@link FileStorage}); on S3 the same deltas are uploaded (only the changed lines), and the
 * bytes uploaded are what the week costs.
 */
public final class StorageBenchmark {
    private static final List<String> UPDATED = List.of("contacts", "properties", "deals");
    private static final List<String> GROWING = List.of("notes", "messages", "todos", "appointments");

    private final App app;
    private final PrintStream out;

    public StorageBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    public void run(int contacts, int days) throws Exception {
        S3Storage s3 = app.storage() instanceof S3Storage s ? s : null;
        long account = new DumpBenchmark(app, out).prepareAllTables(contacts);
        Instant today = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long oneDump = 0, uploadedWeek = 0, dumpMillis = 0;
        for (int day = 0; day < days; day++) {
            if (day > 0) changeOnePercent(app, account);
            long uploadedBefore = s3 == null ? 0 : s3.uploadedBytes();
            DumpResult r = app.engine().dump(account, RunTrigger.BENCH, DumpEvents.NONE);
            long uploaded = s3 == null ? 0 : s3.uploadedBytes() - uploadedBefore;
            uploadedWeek += uploaded;
            if (day == 0) oneDump = r.bytes();
            else dumpMillis += r.millis();
            // dated as the dump of day `day` of the week that ends today, so retention keeps one a day
            app.runs().redate(r.run().id(), today.minus(days - 1 - day, ChronoUnit.DAYS));
            long unchanged = r.manifest().tables().stream()
                    .filter(t -> t.changes() != null
                            && t.changes().added()
                                            + t.changes().changed()
                                            + t.changes().deleted()
                                    == 0)
                    .count();
            out.printf(
                    "day %d: dump %d, %,d bytes in %,d ms, %d of %d tables unchanged%s%n",
                    day + 1,
                    r.run().id(),
                    r.bytes(),
                    r.millis(),
                    unchanged,
                    r.manifest().tables().size(),
                    s3 == null ? "" : String.format(", %,d bytes uploaded to S3", uploaded));
            out.printf("  %s%n", r.timings().describe());
        }
        if (days > 1) out.printf("%ndays 2-%d: %,d ms a dump on average%n", days, dumpMillis / (days - 1));
        if (s3 != null) {
            // S3 keeps each dump's objects apart (server-side copies), so what the week costs is what was uploaded
            out.printf(
                    "%d dumps uploaded %,d bytes to %s: %.2f times one dump (%,d bytes)%n",
                    days, uploadedWeek, s3.describe(), (double) uploadedWeek / oneDump, oneDump);
            return;
        }
        if (!(app.storage() instanceof FileStorage files)) {
            throw new IllegalStateException("bench --storage measures file storage or S3");
        }
        List<DumpRun> kept = app.runs().published(account);
        long stored = storedBytes(files.root().resolve(DumpFileKey.accountPrefix(account)));
        long listed = kept.stream()
                .flatMap(run -> run.manifest().orElseThrow().tables().stream())
                .mapToLong(TableFile::bytes)
                .sum();
        out.printf(
                "%n%d dumps kept; their files list %,d bytes, storage holds %,d (each file counted once):"
                        + " %.2f times one dump (%,d bytes)%n",
                kept.size(), listed, stored, (double) stored / oneDump, oneDump);
    }

    /** About 1 % of a day's work in a CRM: some records edited, some added. */
    static void changeOnePercent(App app, long account) {
        var crm = app.builtInCrm();
        for (String table : UPDATED) {
            crm.update(
                    "UPDATE " + table + " SET updated_at = now() AT TIME ZONE 'UTC' WHERE account_id = ? AND id IN"
                            + " (SELECT id FROM " + table + " WHERE account_id = ? ORDER BY random() LIMIT"
                            + " (SELECT greatest(1, count(*) / 100) FROM " + table + " WHERE account_id = ?))",
                    account,
                    account,
                    account);
        }
        for (String table : GROWING) {
            // copies of 1 % of the rows, as new rows (every column but the id)
            List<String> columns = crm.query(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'crm' AND table_name = ?"
                            + " AND column_name <> 'id' ORDER BY ordinal_position",
                    rs -> rs.getString(1),
                    table);
            String list = String.join(", ", columns);
            crm.update(
                    "INSERT INTO " + table + " (" + list + ") SELECT " + list + " FROM " + table
                            + " WHERE account_id = ? ORDER BY random() LIMIT (SELECT greatest(1, count(*) / 100) FROM "
                            + table + " WHERE account_id = ?)",
                    account,
                    account);
        }
    }

    /** Bytes of the files under {@code dir}, each file (inode) counted once however many names it has. */
    private static long storedBytes(Path dir) throws IOException {
        Set<Object> seen = new HashSet<>();
        long total = 0;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile() && seen.add(a.fileKey() == null ? p : a.fileKey())) total += a.size();
            }
        }
        return total;
    }
}
