package io.datadump.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.backup.BackupException;
import io.datadump.backup.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Re-check every dump in a backup directory: each file's sha256, each table's rows, the manifest.")
final class VerifyCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Option(names = "--dir", required = true, description = "The backup directory 'pull' writes.")
    Path dir;

    public void run() {
        List<Verifier.Result> results;
        try {
            results = new Verifier(dir, new ObjectMapper(), Clock.systemUTC()).verify();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        if (results.isEmpty()) throw new BackupException("there is no complete dump in " + dir + "; run pull first");
        cli.out.printf("%-28s %6s %12s %14s  %s%n", "DUMP", "FILES", "ROWS", "BYTES", "RESULT");
        for (Verifier.Result r : results) {
            cli.out.printf(
                    "%-28s %6d %,12d %,14d  %s%n",
                    r.dump(),
                    r.files(),
                    r.rows(),
                    r.bytes(),
                    r.ok() ? "ok" : "FAILED: " + String.join("; ", r.problems()));
        }
        List<String> bad = results.stream()
                .filter(r -> !r.ok())
                .map(r -> r.dump() + "/" + r.problems().get(0))
                .toList();
        if (!bad.isEmpty()) {
            throw new BackupException(bad.size() + " dump(s) failed verification, first " + bad.get(0)
                    + "; pull that dump again into a fresh directory");
        }
    }
}
