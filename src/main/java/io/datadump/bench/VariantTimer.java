package io.datadump.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times benchmark variants in alternating order (forward, then backward, …), so that a machine that speeds up or
 * slows down over a run favours none of them, and prints for each the median, minimum and maximum time, throughput,
 * peak heap, and the CPU seconds of the client (this JVM, or the program a variant ran) and of all PostgreSQL server
 * processes on the machine.
 */
final class VariantTimer {
    /** One run of a variant: the bytes it produced, and the CPU seconds of a child program it ran (NaN: none). */
    record Outcome(long bytes, double childCpuSeconds) {
        static Outcome of(long bytes) {
            return new Outcome(bytes, Double.NaN);
        }
    }

    @FunctionalInterface
    interface Variant {
        Outcome run() throws Exception;
    }

    private final PrintStream out;
    private final Map<String, Variant> variants = new LinkedHashMap<>();
    private final Map<String, List<Double>> seconds = new LinkedHashMap<>(),
            clientCpu = new LinkedHashMap<>(),
            pgCpu = new LinkedHashMap<>();
    private final Map<String, Long> bytes = new LinkedHashMap<>(), peakHeap = new LinkedHashMap<>();

    VariantTimer(PrintStream out) {
        this.out = out;
    }

    VariantTimer add(String name, Variant variant) {
        variants.put(name, variant);
        return this;
    }

    void run(int repetitions) throws Exception {
        for (int rep = 0; rep < repetitions; rep++) {
            List<String> order = new ArrayList<>(variants.keySet());
            if (rep % 2 == 1) Collections.reverse(order);
            for (String v : order) {
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                double jvm0 = jvmCpuSeconds(), pg0 = postgresCpuSeconds();
                long t0 = System.nanoTime();
                Outcome outcome = variants.get(v).run();
                double s = (System.nanoTime() - t0) / 1e9;
                seconds.computeIfAbsent(v, k -> new ArrayList<>()).add(s);
                clientCpu
                        .computeIfAbsent(v, k -> new ArrayList<>())
                        .add(
                                Double.isNaN(outcome.childCpuSeconds())
                                        ? jvmCpuSeconds() - jvm0
                                        : outcome.childCpuSeconds());
                pgCpu.computeIfAbsent(v, k -> new ArrayList<>()).add(postgresCpuSeconds() - pg0);
                bytes.put(v, outcome.bytes());
                long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed())
                        .sum();
                peakHeap.merge(v, heap, Math::max);
                out.printf("  rep %d %-24s %7.2f s%n", rep + 1, v, s);
            }
        }
    }

    /** The table of results; {@code rows} is what every variant reads, for rows/s. */
    void print(long rows) {
        out.printf(
                "%n%-24s %8s %8s %8s %12s %9s %10s %14s %12s %10s%n",
                "variant",
                "median s",
                "min s",
                "max s",
                "rows/s",
                "MB/s",
                "MB out",
                "peak heap MB",
                "client cpu s",
                "PG cpu s");
        for (String v : variants.keySet()) {
            double median = median(v);
            out.printf(
                    "%-24s %8.2f %8.2f %8.2f %,12.0f %9.1f %10.1f %14d %12.2f %10.2f%n",
                    v,
                    median,
                    Collections.min(seconds.get(v)),
                    Collections.max(seconds.get(v)),
                    rows / median,
                    bytes.get(v) / 1e6 / median,
                    bytes.get(v) / 1e6,
                    peakHeap.get(v) >> 20,
                    median(clientCpu.get(v)),
                    median(pgCpu.get(v)));
        }
    }

    boolean has(String name) {
        return seconds.containsKey(name);
    }

    double median(String name) {
        return median(seconds.get(name));
    }

    /** The median without the first repetition: the steady state of a variant that runs in this JVM. */
    double warmMedian(String name) {
        List<Double> all = seconds.get(name);
        return median(all.size() > 1 ? all.subList(1, all.size()) : all);
    }

    /** Each repetition's time, in order. */
    List<Double> times(String name) {
        return List.copyOf(seconds.get(name));
    }

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    /**
     * The CPU seconds of a program run as {@code sh -c '"$0" "$@" && times' program args…}: the shell's {@code times}
     * prints its own user and system time, then its children's (the program and whatever it started). NaN if absent.
     */
    static double childrenCpuSeconds(String output) {
        Matcher m = TIMES.matcher(output);
        double cpu = Double.NaN;
        for (int line = 0; m.find(); line++) {
            if (line == 1)
                cpu = Integer.parseInt(m.group(1)) * 60
                        + Double.parseDouble(m.group(2))
                        + Integer.parseInt(m.group(3)) * 60
                        + Double.parseDouble(m.group(4));
        }
        return cpu;
    }

    /** CPU time of this JVM, all threads (encoding, compression, hashing, GC, JIT). */
    private static double jvmCpuSeconds() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /**
     * CPU time of all PostgreSQL server processes on this machine, those that ended included, from /proc (NaN where
     * there is none): where the database runs elsewhere this reads 0, and the column says nothing.
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
                // utime, stime, cutime, cstime (fields 14 to 17 of stat): a backend that has ended, such as
                // pg_dump's, counts in the postmaster's children's time
                for (int f = 11; f <= 14; f++) ticks += Long.parseLong(fields[f]);
            } catch (IOException | RuntimeException e) {
                // the process ended meanwhile
            }
        }
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }
}
