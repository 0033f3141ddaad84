package io.datadump.cli;

import io.datadump.App;
import io.datadump.dump.DumpRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "Dump runs.",
        subcommands = RunsCommand.ListRuns.class)
final class RunsCommand {
    @ParentCommand
    Cli cli;

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Recent dump runs with status, duration, rows, bytes and error.")
    static final class ListRuns implements Runnable {
        @ParentCommand
        RunsCommand parent;

        @Option(names = "--account", description = "Only this account.")
        Long account;

        @Option(names = "--limit", defaultValue = "20")
        int limit;

        public void run() {
            try (App app = parent.cli.openApp()) {
                var out = parent.cli.out;
                out.printf(
                        "%-6s %-7s %-9s %-8s %-20s %9s %12s %14s  %s%n",
                        "RUN", "ACCOUNT", "STATUS", "TRIGGER", "STARTED", "SECONDS", "ROWS", "BYTES", "ERROR");
                for (DumpRun r : app.runs().recent(account, limit)) {
                    out.printf(
                            "%-6d %-7d %-9s %-8s %-20s %9s %12s %14s  %s%n",
                            r.id(),
                            r.accountId(),
                            r.status().key(),
                            r.trigger().key(),
                            r.startedAt().toString().substring(0, 19),
                            r.durationMillis()
                                    .map(ms -> String.format("%.2f", ms / 1000.0))
                                    .orElse("-"),
                            r.rows().map(String::valueOf).orElse("-"),
                            r.bytes().map(String::valueOf).orElse("-"),
                            r.error().orElse(""));
                }
            }
        }
    }
}
