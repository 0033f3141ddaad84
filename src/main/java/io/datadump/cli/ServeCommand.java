package io.datadump.cli;

import io.datadump.App;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the datadump API (DATADUMP_PORT, default 8080).")
final class ServeCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Option(
            names = "--host",
            defaultValue = "0.0.0.0",
            description = "Interface to listen on (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--no-scheduler",
            description = "Serve the API only; leave the daily dumps to other nodes ('datadump worker').")
    boolean noScheduler;

    public void run() {
        ListenAddress.check(host);
        try (App app = cli.openCheckedApp()) {
            int port =
                    app.startApi(host, app.config().api().port()); // first: a taken port fails before any dump starts
            if (!noScheduler) app.startScheduler();
            cli.out.println("datadump API listening on http://" + (host.equals("0.0.0.0") ? "localhost" : host) + ":"
                    + port + " (database: " + app.database().description() + ", storage: "
                    + app.storage().describe() + (noScheduler ? ", no scheduler" : ", scheduler on") + ")");
            awaitShutdown(app);
        }
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes the app cleanly. */
    static void awaitShutdown(App app) {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "datadump-shutdown"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
