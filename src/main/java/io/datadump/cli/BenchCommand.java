package io.datadump.cli;

import io.datadump.App;
import io.datadump.bench.AccountBenchmark;
import io.datadump.bench.ConsumerBenchmark;
import io.datadump.bench.DeliveryBenchmark;
import io.datadump.bench.DumpBenchmark;
import io.datadump.bench.PullBenchmark;
import io.datadump.bench.StorageBenchmark;
import io.datadump.bench.SyncBenchmark;
import io.datadump.bench.TenantsBenchmark;
import io.datadump.bench.TranscoderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmark the contacts dump against PostgreSQL's COPY and row_to_json on the same data (see BENCHMARKS.md).")
final class BenchCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Option(
            names = "--contacts",
            defaultValue = "1000000",
            description = "Contacts in the benchmark account (default ${DEFAULT-VALUE}).")
    int contacts;

    @Option(
            names = "--reps",
            defaultValue = "3",
            description = "Repetitions of each variant (default ${DEFAULT-VALUE}).")
    int reps;

    @Option(
            names = "--variants",
            description =
                    "Which variants to run, e.g. 'cd' (default: abcd; with --all-tables abcdek, s times the dump on one connection, k the CLI's dump in a fresh JVM each time).")
    String variants;

    @Option(
            names = "--all-tables",
            description =
                    "Instead: a whole account (every table, scale = contacts / 1,000) against COPY, row_to_json and pg_dump -j of the same tables.")
    boolean allTables;

    @Option(
            names = "--transcoder",
            description =
                    "Instead: the dump's COPY-text-to-JSON transcoder alone on a whole account's rows held in memory (scale = contacts / 1,000), one core, against SHA-256 and memory copies of the same bytes.")
    boolean transcoder;

    @Option(
            names = "--memory",
            description =
                    "Instead of timing: peak RSS of whole dumps in a child JVM, for --contacts and 5 times as many, plain and gzip.")
    boolean memory;

    @Option(
            names = "--formats",
            description =
                    "Instead: the contacts table through the API as JSON, CSV, CSV for Excel, NDJSON, Parquet and xlsx (each conversion against the JSON dump), and the changes feed.")
    boolean formats;

    @Option(
            names = "--pull",
            description =
                    "Instead: a whole account (every table, scale = contacts / 1,000) fetched by curl and by 'pull', then pull again and verify.")
    boolean pull;

    @Option(
            names = "--sync",
            description =
                    "Instead: 'sync' of a whole account (scale = contacts / 1,000) first and nightly after 1 %% changed, against 'restore' and pg_dump | pg_restore.")
    boolean sync;

    @Option(
            names = "--delivery",
            description =
                    "Instead: a whole account (scale = contacts / 1,000) delivered as JSON and CSV into an SFTP server (and with --s3-endpoint an S3 server), against OpenSSH's sftp and the AWS SDK's PutObject.")
    boolean delivery;

    @Option(names = "--s3-endpoint", description = "For --delivery: an S3-compatible server to deliver into too.")
    String s3Endpoint;

    @Option(names = "--s3-access-key", description = "For --delivery: its access key.")
    String s3AccessKey;

    @Option(names = "--s3-secret-key-file", description = "For --delivery: a file holding its secret key.")
    java.nio.file.Path s3SecretKeyFile;

    @Option(
            names = "--storage",
            description = "Instead: --days daily dumps of a whole account changing 1 %% a day, and the bytes stored.")
    boolean storage;

    @Option(
            names = "--tenants",
            description =
                    "Instead: a node's nightly batch for this many small tenants (about 230 rows each), twice, with tenants per hour.")
    Integer tenants;

    @Option(names = "--days", defaultValue = "7", description = "Daily dumps for --storage (default ${DEFAULT-VALUE}).")
    int days;

    @Option(
            names = "--max-heap",
            defaultValue = "256m",
            description = "The child JVM's -Xmx for --memory (default ${DEFAULT-VALUE}).")
    String maxHeap;

    @Spec
    CommandSpec spec;

    private java.util.Optional<DeliveryBenchmark.S3Server> s3Server() throws java.io.IOException {
        if (s3Endpoint == null) return java.util.Optional.empty();
        if (s3AccessKey == null || s3SecretKeyFile == null) {
            throw new ParameterException(
                    spec.commandLine(), "--s3-endpoint needs --s3-access-key and --s3-secret-key-file");
        }
        return java.util.Optional.of(new DeliveryBenchmark.S3Server(
                s3Endpoint,
                s3AccessKey,
                java.nio.file.Files.readString(s3SecretKeyFile).strip()));
    }

    public void run() {
        if (contacts < 1 || contacts > 100_000_000)
            throw new ParameterException(spec.commandLine(), "--contacts must be 1 to 100,000,000");
        if (reps < 1) throw new ParameterException(spec.commandLine(), "--reps must be at least 1");
        if (variants == null) variants = allTables ? "abcdek" : "abcd";
        if (!variants.matches(allTables ? "[abcdesk]+" : "[abcd]+")) {
            throw new ParameterException(
                    spec.commandLine(),
                    allTables
                            ? "--variants takes letters of abcdesk with --all-tables, e.g. 'cek'"
                            : "--variants takes letters of abcd, e.g. 'cd'");
        }
        if (tenants != null && (tenants < 1 || tenants > 100_000))
            throw new ParameterException(spec.commandLine(), "--tenants must be 1 to 100,000");
        if (days < 1 || days > 60) throw new ParameterException(spec.commandLine(), "--days must be 1 to 60");
        if ((allTables || transcoder || pull || sync || storage || delivery) && contacts % 1000 != 0)
            throw new ParameterException(spec.commandLine(), "with --all-tables, --contacts is a multiple of 1,000");
        if (!maxHeap.matches("\\d+[kKmMgG]?"))
            throw new ParameterException(spec.commandLine(), "--max-heap is a size such as 256m");
        try (App app = cli.openApp()) {
            DumpBenchmark bench = new DumpBenchmark(app, cli.out);
            if (formats) new ConsumerBenchmark(app, cli.out).run(contacts, reps);
            else if (pull) new PullBenchmark(app, cli.out).run(contacts, 4);
            else if (sync) new SyncBenchmark(app, cli.out).run(contacts, reps);
            else if (delivery) new DeliveryBenchmark(app, cli.out).run(contacts, reps, s3Server());
            else if (tenants != null) new TenantsBenchmark(app, cli.out).run(tenants);
            else if (storage) new StorageBenchmark(app, cli.out).run(contacts, days);
            else if (memory) bench.memory(contacts, maxHeap);
            else if (allTables) new AccountBenchmark(app, cli.out).run(contacts, reps, variants);
            else if (transcoder) new TranscoderBenchmark(app, cli.out).run(contacts, reps);
            else bench.run(contacts, reps, variants);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
