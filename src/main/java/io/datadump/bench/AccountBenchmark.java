package io.datadump.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.datadump.App;
import io.datadump.db.Handle;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.DumpTimings;
import io.datadump.dump.DumpTransaction;
import io.datadump.dump.RetentionPolicy;
import io.datadump.dump.RunTrigger;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.TableDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * {@code bench --all-tables}: a whole account (every table at scale contacts / 1,000) against PostgreSQL's own
 * exports of the same data, in alternating order: (a) COPY of every table's dump query, one after another in one
 * transaction, to a null sink; (b) the same as row_to_json; (c) datadump's whole-account dump, uncompressed, with the
 * configured parallelism; (s) the same on one connection; (d) c with gzip; (e) {@code pg_dump -Fd -j <cores> -Z0} of
 * the tables the catalog reads, the tool a DBA would reach for. pg_dump writes whole tables: the ratio is fair where
 * the benchmark account is the only large one in them (a fresh DATADUMP_HOME or database); (k) the CLI's {@code dump
 * --account} in a fresh JVM each time, the cold start a new user, a cron job or a node after a deploy has.
 */
public final class AccountBenchmark {
    private final App app;
    private final PrintStream out;
    private DumpTimings lastWarm;

    public AccountBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    public void run(int contacts, int repetitions, String only) throws Exception {
        long account = new DumpBenchmark(app, out).prepareAllTables(contacts);
        List<String> queries = dumpQueries(app, account);
        int cores = Runtime.getRuntime().availableProcessors();
        int parallelism = app.config().dump().parallelism();
        long[] rows = {0};
        VariantTimer timer = new VariantTimer(out);
        if (only.contains("a")) timer.add("a COPY text", () -> VariantTimer.Outcome.of(copyAll(queries, false, rows)));
        if (only.contains("b"))
            timer.add("b COPY row_to_json", () -> VariantTimer.Outcome.of(copyAll(queries, true, rows)));
        if (only.contains("c"))
            timer.add("c datadump", () -> VariantTimer.Outcome.of(dump(account, false, parallelism, rows)));
        if (only.contains("s"))
            timer.add("s datadump, 1 connection", () -> VariantTimer.Outcome.of(dump(account, false, 1, rows)));
        if (only.contains("d"))
            timer.add("d datadump+gzip", () -> VariantTimer.Outcome.of(dump(account, true, parallelism, rows)));
        ColdDumps cold = new ColdDumps(app, account);
        if (only.contains("k")) timer.add(ColdDumps.VARIANT, () -> cold.run(rows));
        List<String> relations = relations();
        String pgDump = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "pg_dump"))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
        List<String> unreadable = only.contains("e") ? unreadableSequences(relations) : List.of();
        if (only.contains("e") && pgDump == null) out.println("variant e skipped: no pg_dump on the PATH");
        else if (!unreadable.isEmpty())
            // datadump itself needs SELECT on the tables only; pg_dump also reads the sequences they own
            out.println("variant e skipped: pg_dump reads the tables' sequences, and the source role may not read "
                    + String.join(", ", unreadable.subList(0, Math.min(3, unreadable.size())))
                    + (unreadable.size() > 3 ? " and " + (unreadable.size() - 3) + " more" : ""));
        else if (only.contains("e")) timer.add("e pg_dump -Fd -j " + cores, () -> pgDump(pgDump, cores, relations));
        timer.run(repetitions);
        out.printf(
                "%nwhole account, %d tables, %,d rows, %d repetitions, %d cores, dump parallelism %d, JVM max heap %d MB,"
                        + " gzip by %s%n",
                queries.size(),
                rows[0],
                repetitions,
                cores,
                parallelism,
                Runtime.getRuntime().maxMemory() >> 20,
                app.gzipEngine(app.config().dump().withGzip(true)).orElseThrow());
        timer.print(rows[0]);
        StringBuilder ratios = new StringBuilder();
        ratio(timer, ratios, "c datadump", "a COPY text", "c/a", "1.2");
        ratio(timer, ratios, "c datadump", "b COPY row_to_json", "c/b", "0.45");
        ratio(timer, ratios, "d datadump+gzip", "c datadump", "d/c", "1.3");
        ratio(timer, ratios, "c datadump", "e pg_dump -Fd -j " + cores, "c/e", "1.5");
        ratio(timer, ratios, "s datadump, 1 connection", "c datadump", "s/c", null);
        if (!ratios.isEmpty())
            out.printf("%nratios (medians): %s%n", ratios.toString().strip());
        if (timer.has("c datadump")) {
            out.printf(
                    "%nc datadump in this JVM, each repetition: %s s; warm (without the first): median %.2f s%n",
                    timer.times("c datadump").stream()
                            .map(t -> String.format("%.2f", t))
                            .toList(),
                    timer.warmMedian("c datadump"));
            if (lastWarm != null) out.printf("  phases of its last dump: %s%n", lastWarm.describe());
        }
        if (timer.has(ColdDumps.VARIANT)) cold.print(out, timer, timer.has("c datadump") ? "c datadump" : null);
    }

    private static void ratio(
            VariantTimer timer, StringBuilder into, String top, String bottom, String label, String target) {
        if (!timer.has(top) || !timer.has(bottom)) return;
        into.append(String.format("%s = %.2f", label, timer.median(top) / timer.median(bottom)));
        into.append(target == null ? "   " : " (target <= " + target + ")   ");
    }

    /** Every table's dump query for the account, with its custom fields: exactly what the engine runs. */
    static List<String> dumpQueries(App app, long account) throws Exception {
        try (Connection c = app.database().source().getConnection()) {
            Map<String, List<CustomFieldDefinition>> fields = app.catalog().customFields(Handle.on(c), account);
            List<String> queries = new ArrayList<>();
            for (TableDefinition t : app.catalog().all()) {
                List<String> names = t.customFields()
                        ? fields.getOrDefault(t.name(), List.of()).stream()
                                .map(CustomFieldDefinition::name)
                                .toList()
                        : List.of();
                queries.add(app.catalog().dumpSql(c, t.name(), names, account));
            }
            return queries;
        }
    }

    /** The source relations named like the catalog's tables, schema-qualified and quoted for pg_dump -t. */
    private List<String> relations() throws Exception {
        List<String> names =
                app.catalog().all().stream().map(TableDefinition::name).toList();
        try (Connection c = app.database().source().getConnection()) {
            return Handle.on(c)
                    .query(
                            "SELECT format('%I.%I', n.nspname, r.relname) FROM unnest(?::text[]) t"
                                    + " JOIN pg_class r ON r.oid = to_regclass(t) JOIN pg_namespace n ON n.oid = r.relnamespace",
                            rs -> rs.getString(1), names);
        }
    }

    /** The sequences owned by the relations (serial ids) that the source role cannot read, as pg_dump must. */
    private List<String> unreadableSequences(List<String> relations) throws Exception {
        try (Connection c = app.database().source().getConnection()) {
            return Handle.on(c)
                    .query(
                            "SELECT s.oid::regclass::text FROM unnest(?::text[]) t"
                                    + " JOIN pg_depend d ON d.refobjid = t::regclass AND d.classid = 'pg_class'::regclass"
                                    + " JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
                                    + " WHERE NOT has_table_privilege(s.oid, 'SELECT') ORDER BY 1",
                            rs -> rs.getString(1),
                            relations);
        }
    }

    private long copyAll(List<String> queries, boolean rowToJson, long[] rows) throws Exception {
        CountingSink sink = new CountingSink();
        long count = 0;
        try (Connection c = app.database().source().getConnection()) {
            DumpTransaction.begin(c); // the dump's transaction, so the same plans
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String q : queries) {
                String query = rowToJson ? "SELECT row_to_json(t) FROM (" + q + ") t" : q;
                count += copy.copyOut("COPY (" + query + ") TO STDOUT", sink);
            }
            c.commit();
            c.setReadOnly(false);
            c.setAutoCommit(true);
        }
        rows[0] = count;
        return sink.count;
    }

    private long dump(long account, boolean gzip, int parallelism, long[] rows) {
        DumpEngine engine = app.newEngine(
                app.catalog(),
                app.storage(),
                app.config()
                        .dump()
                        .withGzip(gzip)
                        .withParallelism(parallelism)
                        .withRetention(new RetentionPolicy(2, 0, 0)));
        DumpResult r = engine.dump(account, RunTrigger.BENCH, DumpEvents.NONE);
        rows[0] = r.rows();
        if (!gzip && parallelism == app.config().dump().parallelism()) lastWarm = r.timings();
        return r.bytes();
    }

    /** pg_dump of the relations into a directory that is deleted after; its CPU time comes from the shell's times. */
    private VariantTimer.Outcome pgDump(String pgDump, int jobs, List<String> relations) throws Exception {
        HikariDataSource source = (HikariDataSource) app.database().source();
        URI uri = URI.create(source.getJdbcUrl().substring("jdbc:".length()));
        Path dir = app.config().home().resolve("bench-pg_dump");
        deleteTree(dir);
        List<String> command = new ArrayList<>(List.of(
                "sh",
                "-c",
                "\"$0\" \"$@\" && times",
                pgDump,
                "-Fd",
                "-j",
                Integer.toString(jobs),
                "-Z0",
                "-f",
                dir.toString(),
                "-h",
                uri.getHost(),
                "-p",
                Integer.toString(uri.getPort() < 0 ? 5432 : uri.getPort()),
                "-U",
                source.getUsername(),
                "-d",
                uri.getPath().substring(1)));
        for (String r : relations) {
            command.add("-t");
            command.add(r);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (source.getPassword() != null) pb.environment().put("PGPASSWORD", source.getPassword());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("pg_dump failed: " + output.strip());
        long bytes;
        try (Stream<Path> files = Files.walk(dir)) {
            bytes = files.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
        deleteTree(dir);
        return new VariantTimer.Outcome(bytes, VariantTimer.childrenCpuSeconds(output));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
