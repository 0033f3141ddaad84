package io.datadump.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.backup.Puller;
import io.datadump.dump.RetentionPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = {
            "Mirror the account's dumps into a local directory, verified against their checksums.",
            "The key comes from DATADUMP_API_KEY or --key-file (never the command line, where ps would show it).",
            "An interrupted pull resumes; files already held are linked, not downloaded again."
        })
final class PullCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Option(names = "--dir", required = true, description = "The backup directory.")
    Path dir;

    @Option(
            names = "--parallel",
            defaultValue = "4",
            description = "Files downloaded at once (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--history", description = "Also fetch every retained dump not held yet.")
    boolean history;

    @Option(names = "--keep-daily", description = "Keep the newest local dump of each of the last N days.")
    Integer keepDaily;

    @Option(
            names = "--keep-weekly",
            defaultValue = "0",
            description = "With --keep-daily: and the first of each of the last N weeks.")
    int keepWeekly;

    @Option(
            names = "--keep-monthly",
            defaultValue = "0",
            description = "With --keep-daily: and the first of each of the last N months.")
    int keepMonthly;

    @Option(names = "--limit-rate", description = "At most this many bytes a second, e.g. 500k or 20m.")
    String limitRate;

    @Option(
            names = "--format",
            split = ",",
            paramLabel = "<format>",
            description = "Also fetch every table in these formats beside its JSON, verified by sha256 like it:"
                    + " parquet, xlsx, csv, csv-excel, ndjson (repeat or comma-separate).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--quiet", description = "No progress and no summary (for cron); errors still go to stderr.")
    boolean quiet;

    public void run() {
        server.validate(spec);
        if (parallel < 1 || parallel > 64) throw new ParameterException(spec.commandLine(), "--parallel is 1 to 64");
        if (keepDaily != null && keepDaily < 1)
            throw new ParameterException(spec.commandLine(), "--keep-daily is at least 1");
        if (keepDaily == null && (keepWeekly > 0 || keepMonthly > 0)) {
            throw new ParameterException(spec.commandLine(), "--keep-weekly and --keep-monthly need --keep-daily");
        }
        Optional<RetentionPolicy> keep =
                Optional.ofNullable(keepDaily).map(d -> new RetentionPolicy(d, keepWeekly, keepMonthly));
        Puller puller = new Puller(server.url, server.key(cli), dir, new ObjectMapper(), cli.err, Clock.systemUTC());
        Puller.Summary s = puller.pull(new Puller.Options(
                history, parallel, rate(), keep, !quiet && System.console() != null, server.idleWindow(), formats));
        if (!quiet && s.dumps() == 0) {
            cli.out.printf(
                    "%s: up to date (%d dump(s) held already, nothing downloaded)%n",
                    s.folders().isEmpty() ? dir : s.folders().get(s.folders().size() - 1),
                    s.folders().size());
        } else if (!quiet) {
            // what was downloaded: with --history, older dumps can arrive while the newest was held already
            List<Path> pulled = s.downloadedFolders();
            String what = pulled.size() == 1
                    ? pulled.get(0).toString()
                    : pulled.size() + " dumps into " + dir + " ("
                            + pulled.get(0).getFileName() + " to "
                            + pulled.get(pulled.size() - 1).getFileName() + ")";
            cli.out.printf(
                    "%s: %d tables, %,d rows, %,.1f MB downloaded, %,.1f MB reused%s, %.1f s%n",
                    what,
                    s.tables(),
                    s.rows(),
                    s.downloaded() / 1e6,
                    s.reused() / 1e6,
                    s.resumed() > 0 ? ", " + s.resumed() + " resumed" : "",
                    s.seconds());
        }
    }

    private long rate() {
        if (limitRate == null) return 0;
        var m = java.util.regex.Pattern.compile("(\\d+)([kKmMgG]?)").matcher(limitRate);
        if (!m.matches())
            throw new ParameterException(spec.commandLine(), "--limit-rate is bytes a second, e.g. 500k or 20m");
        long n = Long.parseLong(m.group(1));
        long rate = switch (m.group(2).toLowerCase()) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            case "g" -> n << 30;
            default -> n;
        };
        // below this, parallel downloads would each deliver less than --idle-timeout's 1 KiB a window
        if (rate < 16 << 10) throw new ParameterException(spec.commandLine(), "--limit-rate is at least 16k");
        return rate;
    }
}
