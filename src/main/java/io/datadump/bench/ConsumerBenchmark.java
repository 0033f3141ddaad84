package io.datadump.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.Manifest;
import io.datadump.dump.RunTrigger;
import io.datadump.wire.ApiBodies;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the people who load the dump wait for, through the real API on loopback: the contacts table downloaded as
 * JSON, as CSV, CSV for Excel, NDJSON, Parquet and xlsx (first request: converted from the stored file; later ones:
 * served from the stored conversion), each conversion's time against the JSON dump's own (a warm second dump) and
 * its bytes against the JSON's, and the changes feed after 1 % of the rows changed. Peak heap shows the conversions
 * stream. Like the dump, each conversion is timed warm (of the second dump) and the first time in the JVM (of the
 * first dump), each against the dump of the same standing. Last, the peak resident memory of a fresh 'datadump dump'
 * with -Xmx256m that makes Parquet, then xlsx, of every table ahead.
 */
public final class ConsumerBenchmark {
    private static final List<String> FORMATS = List.of("csv", "csv-excel", "ndjson", "parquet", "xlsx");
    private final App app;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public ConsumerBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    public void run(int contacts, int reps) throws Exception {
        DumpBenchmark dumps = new DumpBenchmark(app, out);
        long account = dumps.prepare("Formats Bench GmbH", contacts);
        DumpEngine engine = app.newEngine(
                app.catalog().only("contacts"), app.storage(), app.config().dump());
        long w0 = System.nanoTime();
        Manifest warmUp =
                engine.dump(account, RunTrigger.BENCH, DumpEvents.NONE).manifest();
        double firstDumpSeconds = (System.nanoTime() - w0) / 1e9;
        String key = app.apiKeys().create(account, "bench").secret();
        String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0) + "/v1/datadump/contacts";
        out.printf("first dump of this JVM: %.2f s (dump %d)%n", firstDumpSeconds, warmUp.dumpId());
        out.printf("%-34s %9s %9s %12s %10s %10s%n", "request", "median s", "min s", "bytes", "MB/s", "heap MB");
        // The first conversion of each format in this JVM, of the first dump: the JIT compiles the converter on it.
        Map<String, Double> coldConversions = new LinkedHashMap<>();
        for (String format : FORMATS) {
            String url = base + "?format=" + format + "&dump=" + warmUp.dumpId();
            coldConversions.put(format, time(format + " (first in the JVM)", url, key, 1)[0]);
        }
        long d0 = System.nanoTime();
        Manifest first = engine.dump(account, RunTrigger.BENCH, DumpEvents.NONE).manifest();
        double dumpSeconds = (System.nanoTime() - d0) / 1e9;
        long jsonBytes = first.table("contacts").orElseThrow().jsonBytes();
        out.printf(
                "%ncontacts: %,d rows, %,d bytes of JSON (dump %d, dumped in %.2f s)%n%n",
                first.table("contacts").orElseThrow().rows(), jsonBytes, first.dumpId(), dumpSeconds);
        out.printf("%-34s %9s %9s %12s %10s %10s%n", "request", "median s", "min s", "bytes", "MB/s", "heap MB");

        double json = time("json", base, key, reps)[0];
        List<String> conversions = new ArrayList<>();
        for (String format : FORMATS) {
            double[] converted = time(format + " (first: converts)", base + "?format=" + format, key, 1);
            double cached = time(format, base + "?format=" + format, key, reps)[0];
            if (format.equals("csv")) out.printf("%n  csv / json = %.2f (later requests)%n%n", cached / json);
            conversions.add(String.format(
                    "  %-10s conversion / JSON dump = %.2f warm (%.2f s / %.2f s), %.2f the first in the JVM"
                            + " (%.2f s / %.2f s); bytes / JSON = %.3f",
                    format,
                    converted[0] / dumpSeconds,
                    converted[0],
                    dumpSeconds,
                    coldConversions.get(format) / firstDumpSeconds,
                    coldConversions.get(format),
                    firstDumpSeconds,
                    converted[1] / jsonBytes));
        }
        out.println();
        conversions.forEach(out::println);

        app.builtInCrm()
                .update(
                        "UPDATE contacts SET first_name = first_name || '.', updated_at = updated_at + interval '1 hour'"
                                + " WHERE account_id = ? AND id % 100 = 0",
                        account);
        long t0 = System.nanoTime();
        Manifest second =
                engine.dump(account, RunTrigger.BENCH, DumpEvents.NONE).manifest();
        out.printf(
                "%nsecond dump after 1 %% of the rows changed: %.2f s (changes counted: %s)%n",
                (System.nanoTime() - t0) / 1e9,
                second.table("contacts").orElseThrow().changes());
        // Retention keeps one dump a day (and the first of the week): the timed dump of the same day is superseded, so
        // the feed is timed since the oldest retained dump, which holds the same rows before the change.
        long since = oldestRetained(base.replace("/contacts", "/dumps"), key);
        time("changes feed since " + since, base + "/changes?since=" + since, key, reps);
        out.println();

        // This JVM's memory holds the whole bench; a conversion's own is measured where an operator meets it: a fresh
        // 'datadump dump' with -Xmx256m making the format at dump time, its peak resident set read from /proc.
        for (String format : List.of("parquet", "xlsx")) {
            long peakKb = dumps.childDump(account, Map.of("DATADUMP_PRECOMPUTE_FORMATS", format), "256m");
            out.printf(
                    "peak RSS of a fresh 'dump' making %s ahead, -Xmx256m, %d cores: %d MB (target: < 300 MB)%n",
                    format, Runtime.getRuntime().availableProcessors(), peakKb >> 10);
        }
    }

    /** Downloads reps times; prints median, min, size, throughput and peak heap; returns the median seconds and size. */
    private double[] time(String label, String url, String key, int reps) throws Exception {
        List<Double> seconds = new ArrayList<>();
        long bytes = 0;
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("X-API-KEY", key)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) throw new IllegalStateException(label + " answered " + r.statusCode());
            try (InputStream in = r.body()) {
                bytes = in.transferTo(OutputStreamSink.INSTANCE);
            }
            seconds.add((System.nanoTime() - t0) / 1e9);
        }
        long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
        Collections.sort(seconds);
        double median = seconds.get(seconds.size() / 2);
        out.printf(
                "%-34s %9.2f %9.2f %,12d %10.0f %10d%n",
                label, median, seconds.get(0), bytes, bytes / 1e6 / median, heap >> 20);
        return new double[] {median, bytes};
    }

    private long oldestRetained(String url, String key) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-API-KEY", key)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        List<ApiBodies.HistoryEntry> dumps =
                new ObjectMapper().readValue(r.body(), ApiBodies.History.class).dumps();
        return dumps.get(dumps.size() - 1).dumpId(); // newest first
    }

    /** Counts nothing, keeps nothing: the client side costs no more than reading. */
    private static final class OutputStreamSink extends OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
