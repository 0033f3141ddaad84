package io.datadump.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.datadump.App;
import io.datadump.backup.Puller;
import io.datadump.backup.Restorer;
import io.datadump.backup.Syncer;
import io.datadump.db.Handle;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bench --sync}: {@code datadump sync} of a whole account (every table filled, scale = contacts / 1,000) into
 * PostgreSQL, first whole and then nightly after about 1 % of the rows changed (edited, added and deleted), against
 * {@code restore} of the same dump (pulled first, not timed) and against {@code pg_dump -Fc | pg_restore} of the CRM's
 * schema into a fresh database, the tool a DBA would copy a database with. Targets: the nightly sync at most 10 % of the
 * restore's time. The copies go into schemas of the service database (and one database made for pg_restore).
 */
public final class SyncBenchmark {
    private static final String SYNC_SCHEMA = "bench_sync";
    private static final String RESTORE_SCHEMA = "bench_restore";
    private static final String PG_RESTORE_DB = "datadump_bench_pg_restore";

    private final App app;
    private final PrintStream out;

    public SyncBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    public void run(int contacts, int reps) throws Exception {
        long account = new DumpBenchmark(app, out).prepareAllTables(contacts);
        var first = app.engine().dump(account, RunTrigger.BENCH, DumpEvents.NONE);
        String key = app.apiKeys().create(account, "sync bench").secret();
        String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
        out.printf(
                "account %d: %,d rows in %d tables (dump %d)%n%n",
                account,
                first.rows(),
                first.manifest().tables().size(),
                first.run().id());

        HikariDataSource service = (HikariDataSource) app.database().dataSource();
        Path work = Files.createTempDirectory("sync-bench");
        Puller.Summary pulled = new Puller(base, key, work, app.json(), out, Clock.systemUTC())
                .pull(new Puller.Options(false, 4, 0, Optional.empty(), false));
        Path folder = pulled.folders().get(pulled.folders().size() - 1);
        Syncer syncer = new Syncer(base, key, app.json());
        Syncer.Options options = new Syncer.Options(SYNC_SCHEMA, Set.of(), false, Duration.ofSeconds(60));
        String pgDump = onPath("pg_dump"), pgRestore = onPath("pg_restore");

        List<Double> firstSync = new ArrayList<>(), restore = new ArrayList<>(), pgCopy = new ArrayList<>();
        try (Connection c =
                DriverManager.getConnection(service.getJdbcUrl(), service.getUsername(), service.getPassword())) {
            for (int rep = 0; rep < reps; rep++) {
                Handle.on(c).execute("DROP SCHEMA IF EXISTS " + SYNC_SCHEMA + " CASCADE");
                long t0 = System.nanoTime();
                syncer.sync(c, options);
                firstSync.add(seconds(t0));
                t0 = System.nanoTime();
                new Restorer(app.json()).restore(folder, c, new Restorer.Options(RESTORE_SCHEMA, true, false, false));
                restore.add(seconds(t0));
                if (pgDump != null && pgRestore != null) pgCopy.add(pgDumpRestore(service, pgDump, pgRestore));
            }
            report("first sync (every table loaded whole)", firstSync);
            report("restore of the same dump", restore);
            if (pgCopy.isEmpty()) out.println("pg_dump | pg_restore skipped: pg_dump or pg_restore is not on the PATH");
            else report("pg_dump -Fc | pg_restore", pgCopy);

            List<Double> nightly = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                dayPasses(account); // the night's dump is the next day's, so the one the copy reflects stays retained
                StorageBenchmark.changeOnePercent(app, account);
                app.builtInCrm()
                        .update(
                                "DELETE FROM notes WHERE id IN (SELECT id FROM notes WHERE account_id = ? ORDER BY"
                                        + " random() LIMIT (SELECT count(*) / 200 FROM notes WHERE account_id = ?))",
                                account,
                                account);
                app.engine().dump(account, RunTrigger.BENCH, DumpEvents.NONE);
                long t0 = System.nanoTime();
                Syncer.Summary s = syncer.sync(c, options);
                nightly.add(seconds(t0));
                out.printf(
                        "  night %d: %,d upserts, %,d deletes, %d tables loaded whole%n",
                        rep + 1, s.upserts(), s.deletes(), s.loaded().size());
            }
            report("nightly sync (about 1 % changed)", nightly);
            out.printf(
                    "%nratios (medians): nightly/restore = %.3f (target <= 0.10)   first sync/restore = %.2f%s%n",
                    median(nightly) / median(restore),
                    median(firstSync) / median(restore),
                    pgCopy.isEmpty()
                            ? ""
                            : String.format(
                                    "   first sync/pg_dump|pg_restore = %.2f   nightly/pg_dump|pg_restore = %.3f",
                                    median(firstSync) / median(pgCopy), median(nightly) / median(pgCopy)));
            Handle.on(c).execute("DROP SCHEMA IF EXISTS " + SYNC_SCHEMA + " CASCADE");
            Handle.on(c).execute("DROP SCHEMA IF EXISTS " + RESTORE_SCHEMA + " CASCADE");
        }
        PullBenchmark.deleteTree(work);
    }

    /**
     * The built-in CRM's schema copied with pg_dump's custom format piped into pg_restore, into a database made for it
     * (tables, keys, indexes); pg_dump reads whole tables, so the source should hold only the benchmark's account (a
     * fresh database).
     */
    private double pgDumpRestore(HikariDataSource service, String pgDump, String pgRestore) throws Exception {
        URI uri = URI.create(service.getJdbcUrl().substring("jdbc:".length()));
        String host = uri.getHost();
        String port = Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort());
        try (Connection c =
                DriverManager.getConnection(service.getJdbcUrl(), service.getUsername(), service.getPassword())) {
            Handle.on(c).execute("DROP DATABASE IF EXISTS " + PG_RESTORE_DB);
            Handle.on(c).execute("CREATE DATABASE " + PG_RESTORE_DB);
        }
        List<String> dump = List.of(
                pgDump,
                "-Fc",
                "-Z0",
                "-n",
                "crm",
                "-h",
                host,
                "-p",
                port,
                "-U",
                service.getUsername(),
                "-d",
                uri.getPath().substring(1));
        List<String> command = new ArrayList<>(List.of(
                "sh",
                "-c",
                "\"$0\" \"$@\" | " + pgRestore + " --no-owner -h " + host + " -p " + port + " -U "
                        + service.getUsername() + " -d " + PG_RESTORE_DB));
        command.addAll(dump);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (service.getPassword() != null) pb.environment().put("PGPASSWORD", service.getPassword());
        long t0 = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("pg_dump | pg_restore failed: " + output.strip());
        double took = seconds(t0);
        try (Connection c =
                DriverManager.getConnection(service.getJdbcUrl(), service.getUsername(), service.getPassword())) {
            Handle.on(c).execute("DROP DATABASE IF EXISTS " + PG_RESTORE_DB);
        }
        return took;
    }

    /** Moves the account's dumps a day into the past, as a night going by would. */
    private void dayPasses(long account) {
        String day = "interval '1 day'";
        app.jdbc()
                .update(
                        "UPDATE dump_runs SET started_at = started_at - " + day + ", finished_at = finished_at - " + day
                                + ", snapshot_at = snapshot_at - " + day + " WHERE account_id = ?",
                        account);
    }

    private void report(String label, List<Double> seconds) {
        out.printf(
                "%-40s median %7.2f s   (%s)%n",
                label,
                median(seconds),
                String.join(
                        ", ",
                        seconds.stream().map(s -> String.format("%.2f", s)).toList()));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
    }
}
