package io.datadump.cli;

import io.datadump.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = "Run the daily dumps without serving the API (any number of workers share one database).")
final class WorkerCommand implements Runnable {
    @ParentCommand
    Cli cli;

    public void run() {
        try (App app = cli.openCheckedApp()) {
            app.startScheduler();
            cli.out.println("datadump worker running (database: "
                    + app.database().description() + ", storage: "
                    + app.storage().describe() + ", " + app.config().scheduler().threads() + " dump threads)");
            ServeCommand.awaitShutdown(app);
        }
    }
}
