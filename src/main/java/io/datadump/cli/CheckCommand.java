package io.datadump.cli;

import io.datadump.App;
import io.datadump.dump.StorageCheck;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Read every stored dump back through storage and compare each file with its manifest's sha256;"
                + " report files missing or damaged, a wrong current.json and orphaned directories; exit 1 on any"
                + " problem.")
final class CheckCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @ArgGroup(exclusive = true)
    Which which;

    static final class Which {
        @Option(names = "--account", description = "Only this account.")
        Long account;

        @Option(names = "--all", description = "Every account (the default).")
        boolean all;
    }

    public void run() {
        try (App app = cli.openApp()) {
            StorageCheck check = app.storageCheck();
            StorageCheck.Report report =
                    which != null && which.account != null ? check.check(which.account) : check.checkAll();
            report.problems().forEach(p -> cli.out.println("problem: " + p));
            cli.out.printf(
                    "read %d dump(s), %,d files, %,d bytes from %s: %s%n",
                    report.dumps(),
                    report.files(),
                    report.bytes(),
                    app.storage().describe(),
                    report.ok() ? "no problems" : report.problems().size() + " problem(s)");
            if (!report.ok()) {
                throw new IllegalStateException(report.problems().size() + " problem(s) in stored dumps, first: "
                        + report.problems().get(0));
            }
        }
    }
}
