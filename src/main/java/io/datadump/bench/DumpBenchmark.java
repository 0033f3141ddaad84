package io.datadump.bench;

import io.datadump.App;
import io.datadump.accounts.Account;
import io.datadump.db.Handle;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpTransaction;
import io.datadump.dump.RetentionPolicy;
import io.datadump.dump.RunTrigger;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.TableCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Times the contacts dump against PostgreSQL's own exports on the same data, in alternating order:
 * (a) COPY of the dump query's columns to a null sink, (b) COPY of row_to_json of the same query,
 * (c) datadump's dump to the configured storage, (d) the same with gzip. Prints median/min/max and ratios.
 */
public final class DumpBenchmark {
    private final App app;
    private final PrintStream out;

    public DumpBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    /** Times the variants named by the letters of {@code only} on the contacts of an N-contact account. */
    public void run(int contacts, int repetitions, String only) throws Exception {
        long account = prepare("Bench GmbH", contacts);
        String query = contactsQuery(account);
        VariantTimer timer = new VariantTimer(out);
        if (only.contains("a")) timer.add("a COPY text", () -> VariantTimer.Outcome.of(copyOut(query)));
        if (only.contains("b"))
            timer.add(
                    "b COPY row_to_json",
                    () -> VariantTimer.Outcome.of(copyOut("SELECT row_to_json(t) FROM (" + query + ") t")));
        if (only.contains("c")) timer.add("c datadump", () -> VariantTimer.Outcome.of(dump(account, false)));
        if (only.contains("d")) timer.add("d datadump+gzip", () -> VariantTimer.Outcome.of(dump(account, true)));
        timer.run(repetitions);
        out.printf(
                "%n%d contacts, %d repetitions, %d cores, JVM max heap %d MB, gzip by %s%n",
                contacts,
                repetitions,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                app.gzipEngine(app.config().dump().withGzip(true)).orElseThrow());
        timer.print(contacts);
        if (only.length() == 4) {
            double a = timer.median("a COPY text"),
                    b = timer.median("b COPY row_to_json"),
                    c = timer.median("c datadump"),
                    d = timer.median("d datadump+gzip");
            out.printf(
                    "%nratios (medians): c/a = %.2f (target <= 1.6)   c/b = %.2f (target <= 0.5)   d/c = %.2f (target <= 1.3)%n",
                    c / a, c / b, d / c);
        }
    }

    /**
     * Peak memory of a whole dump, in a separate JVM with the given heap limit, for N and 5·N contacts, plain and
     * gzip: the resident set size (VmHWM, what the operating system had to give the process), read from /proc
     * while the dump runs. Flat memory means the 5·N figures match the N figures.
     */
    public void memory(int contacts, String maxHeap) throws Exception {
        Map<String, long[]> results = new LinkedHashMap<>();
        for (int factor : new int[] {1, 5}) {
            int n = contacts * factor;
            long account = prepare(factor == 1 ? "Bench GmbH" : "Bench GmbH " + factor + "x", n);
            for (boolean gzip : new boolean[] {false, true}) {
                String label = String.format("%,d contacts%s", n, gzip ? " gzip" : "");
                long t0 = System.nanoTime();
                long peakKb = childDump(account, Map.of("DATADUMP_GZIP", Boolean.toString(gzip)), maxHeap);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                results.put(label, new long[] {peakKb, ms});
                out.printf("  %-26s peak RSS %5d MB  (%.1f s, JVM start included)%n", label, peakKb >> 10, ms / 1000.0);
            }
        }
        out.printf(
                "%npeak resident memory of 'datadump dump' with -Xmx%s, %d cores%n",
                maxHeap, Runtime.getRuntime().availableProcessors());
        List<long[]> r = new ArrayList<>(results.values());
        out.printf(
                "plain: N %d MB, 5N %d MB (5N/N = %.2f)   gzip: N %d MB, 5N %d MB (5N/N = %.2f)   target: <= 300 MB, 5N within 10 %% of N%n",
                r.get(0)[0] >> 10,
                r.get(2)[0] >> 10,
                (double) r.get(2)[0] / r.get(0)[0],
                r.get(1)[0] >> 10,
                r.get(3)[0] >> 10,
                (double) r.get(3)[0] / r.get(1)[0]);
    }

    /**
     * Runs 'datadump dump --account' in a child JVM on the same database and storage, with {@code settings} on top of
     * this process's; returns its peak RSS in kB.
     */
    long childDump(long account, Map<String, String> settings, String maxHeap) throws Exception {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap,
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                "io.datadump.Main",
                "dump",
                "--account",
                Long.toString(account));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        // this process's settings, so the child dumps from the same database into the same storage
        pb.environment().putAll(app.config().variables());
        pb.environment().put("DATADUMP_RETENTION", "1"); // a 5·N plain dump is gigabytes: keep one
        pb.environment().putAll(settings);
        Process child = pb.start();
        Path status = Path.of("/proc", Long.toString(child.pid()), "status");
        long peakKb = 0;
        while (child.isAlive()) {
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:"))
                        peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                }
            } catch (IOException | NumberFormatException e) {
                // the process is ending
            }
            Thread.sleep(20);
        }
        if (child.exitValue() != 0)
            throw new IllegalStateException("the child dump failed with exit code " + child.exitValue());
        return peakKb;
    }

    /** An account with every table at scale contacts / 1,000, generated once. */
    long prepareAllTables(int contacts) {
        String name = "Bench GmbH (all tables)";
        Account account = benchAccount(name);
        long have = app.generator().contactCount(account.id());
        if (have == 0) {
            GenerationPlan plan = GenerationPlan.forScale(contacts / 1000);
            out.printf(
                    "generating %,d rows in all tables (scale %d) into account %d ...%n",
                    plan.totalRows(), contacts / 1000, account.id());
            var r = app.generator().generate(account.id(), plan, 1, DemoDataGenerator.Progress.NONE);
            out.printf("generated %,d rows at %,.0f rows/s%n", r.rows(), r.rowsPerSecond());
        } else if (have != contacts) {
            throw new IllegalStateException("account '" + name + "' already has " + have + " contacts; use --contacts "
                    + have + " or a fresh DATADUMP_HOME");
        }
        return account.id();
    }

    /** The benchmark account of that name, created (with the entitlement) on first use. */
    private Account benchAccount(String name) {
        return app.accounts().list().stream()
                .filter(x -> x.name().equals(name))
                .findFirst()
                .orElseGet(() -> app.accounts().create(name, true));
    }

    long prepare(String name, int contacts) throws SQLException {
        Account account = benchAccount(name);
        long have = app.generator().contactCount(account.id());
        if (have < contacts) {
            out.printf("generating %,d contacts into account %d ...%n", contacts - have, account.id());
            var r = app.generator()
                    .generate(
                            account.id(),
                            GenerationPlan.contactsOnly((int) (contacts - have)),
                            1,
                            DemoDataGenerator.Progress.NONE);
            out.printf("generated %,d rows at %,.0f rows/s%n", r.rows(), r.rowsPerSecond());
        } else if (have > contacts) {
            throw new IllegalStateException("account '" + name + "' already has " + have
                    + " contacts; use a matching --contacts or a fresh DATADUMP_HOME");
        }
        return account.id();
    }

    /** The contacts dump query with the account's custom fields: exactly what the engine runs. */
    private String contactsQuery(long account) throws SQLException {
        try (Connection c = app.database().source().getConnection()) {
            List<String> fields =
                    app.catalog().customFields(Handle.on(c), account).getOrDefault("contacts", List.of()).stream()
                            .map(CustomFieldDefinition::name)
                            .toList();
            return app.catalog().dumpSql(c, "contacts", fields, account);
        }
    }

    private long copyOut(String query) throws Exception {
        CountingSink sink = new CountingSink();
        try (Connection c = app.database().source().getConnection()) {
            DumpTransaction.begin(c); // the same transaction as the dump, so the same plan
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT", sink);
            c.commit();
            c.setReadOnly(false);
            c.setAutoCommit(true);
        }
        return sink.count;
    }

    /** Variants c and d: the engine on a catalog of the contacts table alone, so they time exactly what a and b do. */
    private long dump(long account, boolean gzip) {
        TableCatalog contactsOnly = app.catalog().only("contacts");
        return engine(contactsOnly, gzip)
                .dump(account, RunTrigger.BENCH, DumpEvents.NONE)
                .bytes();
    }

    private DumpEngine engine(TableCatalog catalog, boolean gzip) {
        return app.newEngine(
                catalog, app.storage(), app.config().dump().withGzip(gzip).withRetention(new RetentionPolicy(2, 0, 0)));
    }
}
