package io.datadump.cli;

import io.datadump.App;
import io.datadump.backup.BackupException;
import io.datadump.config.Config;
import io.datadump.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The datadump command line. Errors go to stderr as one readable line; --verbose adds the stack trace. */
@Command(
        name = "datadump",
        mixinStandardHelpOptions = true,
        version = "datadump 0.1.0",
        description = "Daily, complete JSON dumps of every tenant's CRM data, served behind an API key.",
        subcommands = {
            DemoCommand.class,
            ServeCommand.class,
            WorkerCommand.class,
            DumpCommand.class,
            RunsCommand.class,
            CheckCommand.class,
            GenerateCommand.class,
            AccountsCommand.class,
            KeysCommand.class,
            CustomFieldsCommand.class,
            TablesCommand.class,
            CatalogCommand.class,
            AuditCommand.class,
            DbCommand.class,
            BenchCommand.class,
            PullCommand.class,
            VerifyCommand.class,
            RestoreCommand.class,
            SyncCommand.class,
            DestinationsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Cli implements Runnable {
    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    final Supplier<Config> config;
    final PrintStream out;
    final PrintStream err;

    Cli(Supplier<Config> config, PrintStream out, PrintStream err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "choose a command (see 'datadump --help')");
    }

    App openApp() {
        return App.open(config.get());
    }

    /**
     * Opens the app and checks its catalog's queries against the source first: commands that dump (or serve dumps)
     * refuse to start on a catalog they could not dump from. Tenants are not checked here ({@code catalog check} does):
     * with thousands of them that took seconds of every start, and one tenant's bad field stops its own dumps only.
     */
    App openCheckedApp() {
        App app = openApp();
        try {
            app.checkCatalogQueries();
            checkStorage(app);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private static void checkStorage(App app) {
        try {
            app.storage().checkWritable();
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("DATADUMP_STORAGE " + app.storage().describe() + " cannot be written ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); give datadump a directory or bucket it may write to");
        }
    }

    /**
     * The API key of a client command ({@code pull}, {@code sync}): from {@code keyFile}, else DATADUMP_API_KEY, never
     * the command line (where {@code ps} would show it).
     */
    String apiKey(Path keyFile) {
        if (keyFile != null) {
            try {
                String key = Files.readString(keyFile).strip();
                if (key.isEmpty()) throw new BackupException(keyFile + " is empty; put the API key in it");
                return key;
            } catch (IOException e) {
                throw new BackupException("cannot read the key file " + keyFile + " (" + e.getMessage() + ")");
            }
        }
        return config.get()
                .backup()
                .apiKey()
                .orElseThrow(() -> new BackupException("no API key: set DATADUMP_API_KEY or pass --key-file <file>"));
    }

    public static int run(Supplier<Config> config, String[] args, PrintStream out, PrintStream err) {
        Cli cli = new Cli(config, out, err);
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (cli.verbose) ex.printStackTrace(err);
            err.println("error: " + messageOf(ex));
            return ex instanceof UsageException ? 2 : 1;
        });
        return cmd.execute(args);
    }

    private static String messageOf(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A mistake of the caller, such as a refused option value: exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
