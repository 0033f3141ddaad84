package io.datadump.bench;

import io.datadump.App;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Variant (k) of {@code bench --all-tables}: {@code datadump dump --account <id> --timings} in a child JVM, a fresh one
 * each time, on the same database and storage as the benchmark. The timer measures the whole process; the child's own
 * output gives the dump's time inside it, how long after the JVM's start its first table began, and its phases.
 */
final class ColdDumps {
    static final String VARIANT = "k CLI dump, fresh JVM";
    private static final Pattern INSIDE =
            Pattern.compile("published: \\d+ tables, ([\\d,]+) rows, ([\\d,]+) bytes in ([\\d.]+) s");
    private static final Pattern FIRST_TABLE = Pattern.compile("JVM start to first table ([\\d,]+) ms");

    private final App app;
    private final long account;
    private final List<Double> inside = new ArrayList<>();
    private final List<Double> firstTable = new ArrayList<>();
    private String lastTimings;

    ColdDumps(App app, long account) {
        this.app = app;
        this.account = account;
    }

    /** One dump in a fresh JVM; {@code rows} gets the rows it dumped. */
    VariantTimer.Outcome run(long[] rows) throws Exception {
        List<String> command = List.of(
                "sh",
                "-c",
                "\"$0\" \"$@\" && times", // the child JVM's CPU seconds (VariantTimer.childrenCpuSeconds)
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.datadump.Main",
                "dump",
                "--account",
                Long.toString(account),
                "--timings");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // this process's settings, so the child dumps from the same database into the same storage
        pb.environment().putAll(app.config().variables());
        pb.environment().put("DATADUMP_RETENTION_DAILY", "2");
        Process child = pb.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (child.waitFor() != 0) throw new IllegalStateException("the child dump failed: " + output.strip());
        Matcher m = INSIDE.matcher(output);
        if (!m.find()) throw new IllegalStateException("the child dump printed no time: " + output.strip());
        rows[0] = Long.parseLong(m.group(1).replace(",", ""));
        inside.add(Double.parseDouble(m.group(3)));
        Matcher first = FIRST_TABLE.matcher(output);
        if (first.find()) firstTable.add(Double.parseDouble(first.group(1).replace(",", "")));
        lastTimings = output.lines()
                .filter(l -> l.startsWith("timings: "))
                .reduce((a, b) -> b)
                .orElse(null);
        return new VariantTimer.Outcome(
                Long.parseLong(m.group(2).replace(",", "")), VariantTimer.childrenCpuSeconds(output));
    }

    /** The cold figures beside the warm ones of {@code warmVariant} (null: none ran). */
    void print(PrintStream out, VariantTimer timer, String warmVariant) {
        double process = timer.median(VARIANT), in = VariantTimer.median(inside);
        out.printf(
                "%ncold, a fresh JVM each time (%s): the dump inside %s s, median %.2f s; the whole process median %.2f"
                        + " s; JVM start to first table median %.0f ms%n",
                VARIANT,
                inside.stream().map(t -> String.format("%.2f", t)).toList(),
                in,
                process,
                firstTable.isEmpty() ? Double.NaN : VariantTimer.median(firstTable));
        if (lastTimings != null) out.printf("  phases of the last one: %s%n", lastTimings.substring(9));
        if (warmVariant != null) {
            double warm = timer.warmMedian(warmVariant);
            out.printf(
                    "  cold inside / warm = %.2f (target <= 1.2), whole process / warm = %.2f%n",
                    in / warm, process / warm);
        }
    }
}
