package io.datadump.bench;

import com.sun.management.OperatingSystemMXBean;
import io.datadump.App;
import io.datadump.accounts.Account;
import io.datadump.db.Handle;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpSettings;
import io.datadump.dump.RetentionPolicy;
import io.datadump.dump.RunTrigger;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.TableCatalog;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * Times the variants. With {@code allTables} the account also holds the other tables in a real CRM's
     * proportions (scale = contacts / 1,000); c and d still dump only the contacts table, and one whole-account
     * dump is timed at the end.
     */
    public void run(int contacts, int repetitions, String only, boolean allTables) throws Exception {
        long account = allTables ? prepareAllTables(contacts) : prepare("Bench GmbH", contacts);
        String query = contactsQuery(account);
        Map<String, List<Double>> seconds = new LinkedHashMap<>(),
                jvmCpu = new LinkedHashMap<>(),
                pgCpu = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        Map<String, Long> peakHeap = new LinkedHashMap<>();
        List<String> variants = List.of("a COPY text", "b COPY row_to_json", "c datadump", "d datadump+gzip").stream()
                .filter(v -> only.indexOf(v.charAt(0)) >= 0)
                .toList();
        for (int rep = 0; rep < repetitions; rep++) {
            List<String> order = new ArrayList<>(variants);
            if (rep % 2 == 1) Collections.reverse(order);
            for (String v : order) {
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                double jvm0 = jvmCpuSeconds(), pg0 = postgresCpuSeconds();
                long t0 = System.nanoTime();
                long size = switch (v.charAt(0)) {
                    case 'a' -> copyOut(query);
                    case 'b' -> copyOut("SELECT row_to_json(t) FROM (" + query + ") t");
                    case 'c' -> dump(account, false);
                    default -> dump(account, true);
                };
                double s = (System.nanoTime() - t0) / 1e9;
                seconds.computeIfAbsent(v, k -> new ArrayList<>()).add(s);
                jvmCpu.computeIfAbsent(v, k -> new ArrayList<>()).add(jvmCpuSeconds() - jvm0);
                pgCpu.computeIfAbsent(v, k -> new ArrayList<>()).add(postgresCpuSeconds() - pg0);
                bytes.put(v, size);
                long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed())
                        .sum();
                peakHeap.merge(v, heap, Math::max);
                out.printf("  rep %d %-20s %7.2f s%n", rep + 1, v, s);
            }
        }
        out.printf(
                "%n%d contacts, %d repetitions, %d cores, JVM max heap %d MB%n",
                contacts,
                repetitions,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        out.printf(
                "%-20s %8s %8s %8s %12s %9s %10s %14s %10s %10s%n",
                "variant",
                "median s",
                "min s",
                "max s",
                "rows/s",
                "MB/s",
                "MB out",
                "peak heap MB",
                "JVM cpu s",
                "PG cpu s");
        Map<String, Double> medians = new LinkedHashMap<>();
        for (String v : variants) {
            double median = median(seconds.get(v));
            medians.put(v, median);
            out.printf(
                    "%-20s %8.2f %8.2f %8.2f %,12.0f %9.1f %10.1f %14d %10.2f %10.2f%n",
                    v,
                    median,
                    Collections.min(seconds.get(v)),
                    Collections.max(seconds.get(v)),
                    contacts / median,
                    bytes.get(v) / 1e6 / median,
                    bytes.get(v) / 1e6,
                    peakHeap.get(v) >> 20,
                    median(jvmCpu.get(v)),
                    median(pgCpu.get(v)));
        }
        if (medians.size() == 4) {
            double a = medians.get("a COPY text"),
                    b = medians.get("b COPY row_to_json"),
                    c = medians.get("c datadump"),
                    d = medians.get("d datadump+gzip");
            out.printf(
                    "%nratios (medians): c/a = %.2f (target <= 1.6)   c/b = %.2f (target <= 0.5)   d/c = %.2f (target <= 1.3)%n",
                    c / a, c / b, d / c);
        }
        if (allTables) {
            long t0 = System.nanoTime();
            DumpEngine.Result whole =
                    engine(app.catalog(), false).dump(account, RunTrigger.BENCH, DumpEngine.Listener.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            out.printf(
                    "%nwhole account, %d tables, uncompressed: %,d rows, %.1f MB in %.2f s (%,.0f rows/s)%n",
                    whole.manifest().tables().size(), whole.rows(), whole.bytes() / 1e6, s, whole.rows() / s);
        }
    }

    private static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** CPU time of this JVM, all threads (encoding, compression, hashing, GC, JIT). */
    private static double jvmCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * CPU time of all PostgreSQL server processes on this machine, from /proc (NaN where there is none): where the
     * database runs elsewhere this reads 0, and the column says nothing.
     */
    private static double postgresCpuSeconds() {
        File[] processes =
                new File("/proc").listFiles((dir, name) -> name.chars().allMatch(Character::isDigit));
        if (processes == null) return Double.NaN;
        long ticks = 0;
        for (File process : processes) {
            try {
                String stat = Files.readString(process.toPath().resolve("stat"));
                int nameEnd = stat.lastIndexOf(')');
                if (!stat.substring(stat.indexOf('(') + 1, nameEnd).equals("postgres")) continue;
                String[] fields = stat.substring(nameEnd + 2).split(" ");
                ticks += Long.parseLong(fields[11])
                        + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15 of stat)
            } catch (IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
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
                long peakKb = childDump(account, gzip, maxHeap);
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

    /** Runs 'datadump dump --account' in a child JVM on the same database and storage; returns its peak RSS in kB. */
    private long childDump(long account, boolean gzip, String maxHeap) throws Exception {
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
        pb.environment().put("DATADUMP_GZIP", Boolean.toString(gzip));
        pb.environment().put("DATADUMP_RETENTION", "1"); // a 5·N plain dump is gigabytes: keep one
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
            DumpEngine.beginDumpTransaction(c); // the same transaction as the dump, so the same plan
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
                .dump(account, RunTrigger.BENCH, DumpEngine.Listener.NONE)
                .bytes();
    }

    private DumpEngine engine(TableCatalog catalog, boolean gzip) {
        return app.newEngine(
                catalog,
                app.storage(),
                new DumpSettings(gzip, app.config().dump().gzipLevel(), new RetentionPolicy(2, 0, 0)));
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
