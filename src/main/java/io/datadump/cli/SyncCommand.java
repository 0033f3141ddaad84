package io.datadump.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.backup.BackupException;
import io.datadump.backup.Syncer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Keep a live, typed copy of the account's tables in your own PostgreSQL, current with the newest dump.",
            "The first run loads every table; later runs apply only the changes (upserts and deletes), all tables in"
                    + " one transaction. The key comes from DATADUMP_API_KEY or --key-file."
        })
final class SyncCommand implements Runnable {
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)([smhd])");

    @ParentCommand
    Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(
            names = "--into",
            required = true,
            description = "The database to keep the copy in: jdbc:postgresql://host/db?user=… (a password in"
                    + " ~/.pgpass keeps it out of the command line).")
    String into;

    @Option(
            names = "--schema",
            defaultValue = "crm",
            description = "The schema to keep the tables in (default ${DEFAULT-VALUE}).")
    String schema;

    @Option(
            names = "--tables",
            split = ",",
            paramLabel = "<table>",
            description = "Only these tables (repeat or comma-separate; default all).")
    List<String> tables = new ArrayList<>();

    @Option(names = "--every", description = "Run again after each interval, e.g. 1h or 30m, until stopped.")
    String every;

    @Option(names = "--check", description = "After syncing, compare every synced table with the dump's files.")
    boolean check;

    @Option(names = "--quiet", description = "Print nothing unless something fails (for cron).")
    boolean quiet;

    public void run() {
        server.validate(spec);
        if (!into.startsWith("jdbc:postgresql:"))
            throw new ParameterException(spec.commandLine(), "--into is a jdbc:postgresql: URL");
        Duration interval = every == null ? null : interval(every);
        Syncer syncer = new Syncer(server.url, server.key(cli), new ObjectMapper());
        Syncer.Options options = new Syncer.Options(schema, new LinkedHashSet<>(tables), check, server.idleWindow());
        if (interval == null) {
            once(syncer, options);
            return;
        }
        while (true) { // a failed run is reported and tried again at the next interval
            try {
                once(syncer, options);
            } catch (BackupException e) {
                cli.err.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " error: " + e.getMessage());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void once(Syncer syncer, Syncer.Options options) {
        Syncer.Summary s;
        try (Connection c = DriverManager.getConnection(into)) {
            s = syncer.sync(c, options);
        } catch (SQLException e) {
            throw new BackupException("cannot connect to the --into database (" + e.getMessage() + ")", e);
        }
        List<Syncer.TableSync> differ =
                s.tables().stream().filter(t -> t.mismatch().isPresent()).toList();
        if (!quiet) cli.out.println(line(s));
        if (!differ.isEmpty()) {
            for (Syncer.TableSync t : differ)
                cli.err.println(t.table() + " DIFFERS: " + t.mismatch().get());
            throw new BackupException(differ.size() + " table(s) differ from the dump's files, first "
                    + differ.get(0).table() + "; sync them into a new --schema");
        }
    }

    /** One line a run: what the schema reflects now and what it took. */
    private String line(Syncer.Summary s) {
        List<Syncer.TableSync> loaded = s.loaded();
        List<String> notes = s.tables().stream()
                .filter(t -> !t.note().isEmpty())
                .map(t -> t.table() + ": " + t.note())
                .toList();
        boolean nothing = s.tables().stream().allMatch(t -> t.how() == Syncer.How.UNCHANGED);
        String took = nothing
                ? "up to date, nothing applied"
                : String.format("%,d upserts, %,d deletes", s.upserts(), s.deletes())
                        + (loaded.isEmpty()
                                ? ""
                                : String.format(
                                        ", %d loaded whole (%,d rows)",
                                        loaded.size(),
                                        loaded.stream()
                                                .mapToLong(Syncer.TableSync::rows)
                                                .sum()));
        return String.format(
                "%s %s: dump %d (snapshot %s), %d tables, %s, %.1f s%s%s",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                schema,
                s.dumpId(),
                s.snapshotAt().truncatedTo(ChronoUnit.SECONDS),
                s.tables().size(),
                took,
                s.seconds(),
                notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")",
                check ? "; every row equals the dump's files" : "");
    }

    private Duration interval(String text) {
        Matcher m = INTERVAL.matcher(text);
        if (!m.matches())
            throw new ParameterException(spec.commandLine(), "--every is a number and s, m, h or d, e.g. 1h");
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.compareTo(Duration.ofMinutes(1)) < 0 || d.compareTo(Duration.ofDays(7)) > 0)
            throw new ParameterException(spec.commandLine(), "--every is 1m to 7d");
        return d;
    }
}
