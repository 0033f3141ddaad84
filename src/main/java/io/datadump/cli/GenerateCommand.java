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
            description = "0.01 to 10000; 1 = a small brokerage: about 1,000 contacts, 300 properties, 400 deals and"
                    + " 16,500 rows in all (default ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--contacts-only",
            paramLabel = "<n>",
            description = "Instead of --scale: <n> contacts and only what a contact references (a team, two"
                    + " departments, ten brokers, the contact lookups) with the demo custom fields of contacts and"
                    + " brokers; no properties, deals or their fields. For benchmarks of one table.")
    Integer contactsOnly;

    public void run() {
        double parsed;
        try {
            parsed = Double.parseDouble(scale);
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (!(parsed >= GenerationPlan.MIN_SCALE && parsed <= GenerationPlan.MAX_SCALE)) {
            throw new Cli.UsageException("--scale is " + GenerationPlan.MIN_SCALE + " to " + GenerationPlan.MAX_SCALE
                    + " (1 = about 1,000 contacts), not " + scale);
        }
        try (App app = cli.openApp()) {
            app.accounts().get(account);
            GenerationPlan plan =
                    contactsOnly != null ? GenerationPlan.contactsOnly(contactsOnly) : GenerationPlan.forScale(parsed);
            var progress = new ConsoleProgress(cli.err, plan.totalRows());
            DemoDataGenerator.Result result = app.generator().generate(account, plan, seed, progress);
            progress.finish();
            cli.out.printf(
                    "generated %,d rows into account %d in %.1f s (%,.0f rows/s)%n",
                    result.rows(), account, result.elapsed().toMillis() / 1000.0, result.rowsPerSecond());
        }
    }
}
