package io.datadump.cli;

import io.datadump.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Database administration.",
        subcommands = DbCommand.Migrate.class)
final class DbCommand {
    @ParentCommand
    Cli cli;

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description = "Apply pending schema migrations (also done at every start).")
    static final class Migrate implements Runnable {
        @ParentCommand
        DbCommand parent;

        public void run() {
            try (App app = parent.cli.openApp()) {
                parent.cli.out.println(
                        "schema is up to date on " + app.database().description());
            }
        }
    }
}
