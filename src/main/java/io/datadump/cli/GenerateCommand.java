package io.datadump.cli;

import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Fill an account with realistic German real-estate demo data (deterministic per seed).")
final class GenerateCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Option(names = "--account", required = true, description = "Account id.")
    long account;

    @Option(
            names = "--scale",
            defaultValue = "1",
            description = "1 = about 1,000 contacts and 300 properties (default ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--contacts-only",
            paramLabel = "<n>",
            description = "Generate only <n> contacts (and what they reference), for benchmarks.")
    Integer contactsOnly;

    public void run() {
        if (scale < 1 || scale > GenerationPlan.MAX_SCALE) {
            throw new Cli.UsageException("--scale is 1 to " + GenerationPlan.MAX_SCALE + ", not " + scale);
        }
        try (App app = cli.openApp()) {
            app.accounts().get(account);
            GenerationPlan plan =
                    contactsOnly != null ? GenerationPlan.contactsOnly(contactsOnly) : GenerationPlan.forScale(scale);
            var progress = new ConsoleProgress(cli.err, plan.totalRows());
            DemoDataGenerator.Result result = app.generator().generate(account, plan, seed, progress);
            progress.finish();
            cli.out.printf(
                    "generated %,d rows into account %d in %.1f s (%,.0f rows/s)%n",
                    result.rows(), account, result.elapsed().toMillis() / 1000.0, result.rowsPerSecond());
        }
    }
}
