package io.datadump.cli;

import io.datadump.App;
import io.datadump.audit.DownloadAudit;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Who downloaded what: every link issued and file sent for an account, newest first"
                + " (kept DATADUMP_AUDIT_DAYS days).")
final class AuditCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Option(names = "--account", required = true, description = "The account.")
    long account;

    @Option(
            names = "--since",
            description = "From this day on (YYYY-MM-DD, in the account's time zone); default: all kept.")
    String since;

    @Option(names = "--limit", defaultValue = "1000", description = "At most this many lines (default 1000).")
    int limit;

    public void run() {
        if (limit < 1 || limit > 1_000_000) throw new Cli.UsageException("--limit must be from 1 to 1000000");
        try (App app = cli.openApp()) {
            ZoneId zone = app.accounts().get(account).timeZone();
            Instant from;
            try {
                from = since == null
                        ? Instant.EPOCH
                        : LocalDate.parse(since).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new Cli.UsageException("--since must be a day like 2026-11-01, not '" + since + "'");
            }
            var out = cli.out;
            out.printf(
                    "%-20s %-8s %8s %-22s %-9s %6s %-16s %12s %-15s %s%n",
                    "TIME", "KIND", "REQUESTS", "TABLE", "FORMAT", "DUMP", "KEY", "BYTES", "CLIENT", "USER AGENT");
            for (DownloadAudit.Entry e : app.audit().list(account, from, limit)) {
                out.printf(
                        "%-20s %-8s %-22s %-9s %6d %-16s %12s %-15s %s%n",
                        e.at().atZone(zone)
                                .toLocalDateTime()
                                .withNano(0)
                                .toString()
                                .replace('T', ' '),
                        e.kind(),
                        e.table(),
                        e.format(),
                        e.dumpId(),
                        e.keyName() != null ? e.keyName() : e.keyId() == null ? "-" : "#" + e.keyId(),
                        e.bytesSent() == null ? "-" : e.bytesSent().toString(),
                        e.clientAddress() == null ? "-" : e.clientAddress(),
                        e.userAgent() == null ? "" : e.userAgent());
            }
        }
    }
}
