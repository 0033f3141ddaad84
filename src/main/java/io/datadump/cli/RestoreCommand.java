package io.datadump.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.backup.BackupException;
import io.datadump.backup.Restorer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Load a pulled dump into PostgreSQL: one table per dumped table, typed from the saved schemas, in one transaction.",
            "--into embedded starts a throw-away PostgreSQL to inspect a backup with no set-up (Enter or Ctrl-C ends it)."
        })
final class RestoreCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, description = "A pulled dump's folder, <dir>/<date>-<dump id>.")
    Path from;

    @Option(
            names = "--into",
            required = true,
            description = "A JDBC URL (jdbc:postgresql://host/db?user=…&password=…) or 'embedded'.")
    String into;

    @Option(
            names = "--schema",
            defaultValue = "datadump",
            description = "The schema to create (default ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--replace", description = "Drop and re-create the schema if it already holds tables.")
    boolean replace;

    @Option(names = "--check", description = "Read every table back as row_to_json and compare it with its file.")
    boolean check;

    @Option(
            names = "--port",
            defaultValue = "0",
            description = "With --into embedded: the port it listens on (default: any free one).")
    int port;

    @Option(
            names = "--no-verify",
            description = "Restore even if a file does not match SHA256SUMS or the manifest (a damaged backup).")
    boolean noVerify;

    public void run() {
        boolean embedded = into.equals("embedded");
        if (!embedded && !into.startsWith("jdbc:postgresql:")) {
            throw new ParameterException(spec.commandLine(), "--into is a jdbc:postgresql: URL or 'embedded'");
        }
        if (port < 0 || port > 65_535) throw new ParameterException(spec.commandLine(), "--port is 0 to 65535");
        try (EmbeddedPostgres pg = embedded ? embedded(port) : null;
                Connection c =
                        pg != null ? pg.getPostgresDatabase().getConnection() : DriverManager.getConnection(into)) {
            List<Restorer.TableResult> results = new Restorer(new ObjectMapper())
                    .restore(from, c, new Restorer.Options(schema, replace, check, !noVerify));
            long rows = results.stream().mapToLong(Restorer.TableResult::rows).sum();
            List<Restorer.TableResult> bad =
                    results.stream().filter(r -> r.mismatch().isPresent()).toList();
            for (Restorer.TableResult r : results) {
                cli.out.printf(
                        "%-22s %,10d rows%s%n",
                        r.table(),
                        r.rows(),
                        check ? r.mismatch().map(m -> "  DIFFERS: " + m).orElse("  identical to the file") : "");
            }
            cli.out.printf(
                    "restored %d tables, %,d rows into schema %s%s%n",
                    results.size(),
                    rows,
                    schema,
                    check ? (bad.isEmpty() ? "; every row reads back exactly as in the backup" : "") : "");
            if (!bad.isEmpty()) {
                throw new BackupException(bad.size() + " table(s) differ from the backup, first "
                        + bad.get(0).table() + ": " + bad.get(0).mismatch().get());
            }
            if (pg != null) {
                cli.out.printf(
                        "connect with: psql -h localhost -p %d -U postgres   (schema %s; press Enter to stop)%n",
                        pg.getPort(), schema);
                cli.out.flush();
                System.in.read(); // until Enter, or at once when there is no terminal
            }
        } catch (SQLException e) {
            throw new BackupException("the restore failed and was rolled back: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException("cannot read the backup or start PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres embedded(int port) throws java.io.IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        if (port > 0) builder.setPort(port);
        return builder.start();
    }
}
