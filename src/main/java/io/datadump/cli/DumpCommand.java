package io.datadump.cli;

import io.datadump.App;
import io.datadump.accounts.Account;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import java.lang.management.ManagementFactory;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "dump",
        mixinStandardHelpOptions = true,
        description = "Dump all tables of one account, or of every enabled account, now.")
final class DumpCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--account", description = "Account id.")
        Long account;

        @Option(names = "--all", description = "Every account with datadump enabled.")
        boolean all;
    }

    @Option(
            names = "--timings",
            description = "Also print where each dump spent its time (prepare, read and transcode, write, count"
                    + " changes, sync, publish, prune) and how long after the JVM's start the first table began.")
    boolean timings;

    public void run() {
        try (App app = cli.openCheckedApp()) {
            List<Long> ids = target.all
                    ? app.accounts().listEnabled().stream().map(Account::id).toList()
                    : List.of(target.account);
            if (ids.isEmpty()) cli.out.println("no account has datadump enabled");
            int failures = 0;
            for (long id : ids) {
                try {
                    dumpOne(app, id);
                } catch (RuntimeException e) {
                    if (!target.all) throw e;
                    failures++;
                    cli.err.println("error: account " + id + ": " + e.getMessage());
                }
            }
            if (failures > 0) throw new IllegalStateException(failures + " of " + ids.size() + " dumps failed");
        }
    }

    private void dumpOne(App app, long id) {
        cli.out.printf(
                "dumping account %d to %s%s%n",
                id, app.storage().describe(), app.config().dump().gzip() ? " (gzip)" : "");
        long[] firstTable = {-1};
        DumpResult result = app.engine().dump(id, RunTrigger.CLI, new DumpEvents() {
            @Override
            public void tableStarted(long accountId, String table) {
                if (firstTable[0] < 0)
                    firstTable[0] = ManagementFactory.getRuntimeMXBean().getUptime();
            }

            @Override
            public void tableDumped(long accountId, TableFile f, long millis) {
                cli.out.printf(
                        "  %-22s %,10d rows %,14d bytes %7.2f s%n", f.name(), f.rows(), f.bytes(), millis / 1000.0);
            }
        });
        double seconds = Math.max(result.millis() / 1000.0, 0.001);
        cli.out.printf(
                "dump %d of account %d published: %d tables, %,d rows, %,d bytes in %.2f s (%,.0f rows/s)%n",
                result.run().id(),
                id,
                result.manifest().tables().size(),
                result.rows(),
                result.bytes(),
                seconds,
                result.rows() / seconds);
        if (timings) {
            cli.out.printf(
                    "timings: JVM start to first table %,d ms · %s (table phases summed over %d readers)%n",
                    firstTable[0], result.timings().describe(), result.readers());
        }
    }
}
