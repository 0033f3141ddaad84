package io.datadump.cli;

import io.datadump.App;
import io.datadump.bench.DumpBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the contacts dump against PostgreSQL's COPY and row_to_json on the same data (see BENCHMARKS.md).")
final class BenchCommand implements Runnable {
    @ParentCommand
    Cli cli;
    @Option(names = "--contacts", defaultValue = "1000000", description = "Contacts in the benchmark account (default ${DEFAULT-VALUE}).")
    int contacts;
    @Option(names = "--reps", defaultValue = "3", description = "Repetitions of each variant (default ${DEFAULT-VALUE}).")
    int reps;
    @Option(names = "--variants", defaultValue = "abcd", description = "Which variants to run, e.g. 'cd' (default ${DEFAULT-VALUE}); ratios need all four.")
    String variants;

    public void run() {
        try (App app = cli.openApp()) {
            new DumpBenchmark(app, cli.out).run(contacts, reps, variants);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
