package io.datadump.cli;

import io.datadump.App;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
            cli.out.println("datadump API listening on " + ListenAddress.describe(host, port) + ", at http://"
                    + ListenAddress.reachableAs(host) + ":" + port + " (database: "
                    + app.database().description() + ", storage: "
                    + app.storage().describe() + (noScheduler ? ", no scheduler" : ", scheduler on") + ")");
            awaitShutdown(app);
        }
    }

    /**
     * Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes the app, and keeps the JVM from halting
     * until it is closed: the JVM ends once its shutdown hooks return, so a hook that only woke this thread would let
     * it halt halfway through the close, losing the access log entries still queued (and a scheduler's clean stop).
     */
    static void awaitShutdown(App app) {
        CountDownLatch stop = new CountDownLatch(1), closed = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.countDown();
                            try {
                                closed.await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "datadump-shutdown"));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                app.close();
            } finally {
                closed.countDown();
            }
        }
    }

    /** The longest a stop waits for the app to close (requests in flight, the audit's last batch, the scheduler). */
    private static final int CLOSE_TIMEOUT_SECONDS = 30;
}
