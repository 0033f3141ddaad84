package io.datadump.bench;

import io.datadump.App;
import io.datadump.backup.Puller;
import io.datadump.backup.Verifier;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.Manifest;
import io.datadump.dump.RunTrigger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The backup client against curl on the same machine: a whole account (every table filled, scale = contacts / 1,000)
 * fetched by curl one table after another, then by {@code pull}; a second pull of the unchanged dump; {@code verify}
 * against {@code cat} reading the same files.
 */
public final class PullBenchmark {
    private final App app;
    private final PrintStream out;

    public PullBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    public void run(int contacts, int parallel) throws Exception {
        long account = new DumpBenchmark(app, out).prepareAllTables(contacts);
        Manifest m =
                app.engine().dump(account, RunTrigger.BENCH, DumpEvents.NONE).manifest();
        long total = m.tables().stream().mapToLong(t -> t.bytes()).sum();
        String key = app.apiKeys().create(account, "pull bench").secret();
        String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
        out.printf(
                "account %d: %d tables, %,d bytes stored (dump %d)%n%n",
                account, m.tables().size(), total, m.dumpId());

        Path work = Files.createTempDirectory("pull-bench");
        Path curlDir = Files.createDirectories(work.resolve("curl"));
        long t0 = System.nanoTime();
        for (var t : m.tables()) {
            run(List.of(
                    "curl",
                    "-sSfL",
                    "-H",
                    "X-API-KEY: " + key,
                    "-H",
                    "Accept-Encoding: gzip",
                    "-o",
                    curlDir.resolve(t.file()).toString(),
                    base + "/v1/datadump/" + t.name()));
        }
        double curl = (System.nanoTime() - t0) / 1e9;
        report("curl, one table after another", total, curl);

        Path dir = work.resolve("backup");
        Puller puller = new Puller(base, key, dir, app.json(), out, Clock.systemUTC());
        Puller.Summary first = puller.pull(new Puller.Options(false, parallel, 0, Optional.empty(), false));
        report("pull --parallel " + parallel, first.downloaded(), first.seconds());
        out.printf("  pull / curl throughput = %.2f%n", (first.downloaded() / first.seconds()) / (total / curl));
        Puller.Summary again = puller.pull(new Puller.Options(false, parallel, 0, Optional.empty(), false));
        out.printf(
                "%-34s %8.2f s   %,d bytes downloaded%n",
                "pull again (unchanged dump)", again.seconds(), again.downloaded());

        long bytes = sizeOf(dir);
        t0 = System.nanoTime();
        List<Verifier.Result> verified = new Verifier(dir, app.json(), Clock.systemUTC()).verify();
        double verify = (System.nanoTime() - t0) / 1e9;
        if (verified.stream().anyMatch(r -> !r.ok())) throw new IllegalStateException("verify failed: " + verified);
        report("verify (sha256 and rows of every file)", bytes, verify);
        List<String> cat = List.of("sh", "-c", "cat \"$0\"/*/* > /dev/null", dir.toString());
        t0 = System.nanoTime();
        run(cat);
        report("cat of the same files", bytes, (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        run(List.of("sh", "-c", "cd \"$0\"/*/ && sha256sum --quiet -c SHA256SUMS", dir.toString()));
        report("sha256sum -c SHA256SUMS", bytes, (System.nanoTime() - t0) / 1e9);
        deleteTree(work);
    }

    private void report(String label, long bytes, double seconds) {
        out.printf("%-34s %8.2f s   %,14d bytes   %8.1f MB/s%n", label, seconds, bytes, bytes / 1e6 / seconds);
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + " failed");
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
