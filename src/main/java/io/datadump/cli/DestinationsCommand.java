package io.datadump.cli;

import io.datadump.App;
import io.datadump.delivery.Destination;
import io.datadump.delivery.Destinations;
import io.datadump.dump.DumpRun;
import io.datadump.formats.Format;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "destinations",
        mixinStandardHelpOptions = true,
        description = "An account's own S3 buckets and SFTP servers that each published dump is delivered into.",
        subcommands = {
            DestinationsCommand.Add.class,
            DestinationsCommand.ListDestinations.class,
            DestinationsCommand.Test.class,
            DestinationsCommand.Deliver.class,
            DestinationsCommand.Remove.class
        })
final class DestinationsCommand {
    @ParentCommand
    Cli cli;

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Add a destination. Secrets are read from files (never the command line) and stored"
                    + " encrypted under DATADUMP_SECRETS_KEY.")
    static final class Add implements Runnable {
        @ParentCommand
        DestinationsCommand parent;

        @Option(names = "--account", required = true)
        long account;

        @Option(names = "--name", required = true, description = "e.g. nas or bi-bucket")
        String name;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Where where;

        static final class Where {
            @Option(names = "--s3", paramLabel = "s3://<bucket>/<prefix>")
            String s3;

            @Option(
                    names = "--sftp",
                    paramLabel = "sftp://<user>@<host>[:<port>]/<directory>",
                    description = "the directory is in the user's home; //<directory> is absolute")
            String sftp;
        }

        @Option(names = "--endpoint", description = "S3: the endpoint URL of a non-AWS server (MinIO, R2, GCS, ...)")
        String endpoint;

        @Option(
                names = "--region",
                defaultValue = "us-east-1",
                description = "S3: the region (default ${DEFAULT-VALUE})")
        String region;

        @Option(names = "--path-style", description = "S3: path-style requests (MinIO, Ceph)")
        boolean pathStyle;

        @Option(names = "--access-key", description = "S3: the access key id")
        String accessKey;

        @Option(names = "--secret-key-file", description = "S3: a file holding the secret access key")
        Path secretKeyFile;

        @Option(names = "--host-key", description = "SFTP: the server's SHA256:… fingerprint (ssh-keygen -lf)")
        String hostKey;

        @Option(names = "--password-file", description = "SFTP: a file holding the password")
        Path passwordFile;

        @Option(names = "--private-key-file", description = "SFTP: an unencrypted OpenSSH or PEM private key")
        Path privateKeyFile;

        @Option(
                names = "--formats",
                split = ",",
                defaultValue = "json",
                description = "json, ndjson, csv, csv-excel, parquet, xlsx (default ${DEFAULT-VALUE})")
        List<String> formats;

        @Option(names = "--gzip", description = "gzip the text formats (.gz)")
        boolean gzip;

        @Option(names = "--tables", split = ",", description = "only these tables (default: all)")
        List<String> tables = new ArrayList<>();

        @Option(names = "--keep-days", description = "delete delivered days older than this from the destination")
        Integer keepDays;

        public void run() {
            List<Format> parsed = formats.stream()
                    .map(f -> Format.parse(f)
                            .orElseThrow(() ->
                                    new Cli.UsageException("--formats takes " + Format.keys() + ", not '" + f + "'")))
                    .toList();
            Destination.Target target;
            String secret;
            if (where.s3 != null) {
                URI uri = URI.create(where.s3);
                if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new Cli.UsageException("--s3 takes s3://<bucket>/<prefix>, not '" + where.s3 + "'");
                }
                if (accessKey == null || secretKeyFile == null) {
                    throw new Cli.UsageException("an S3 destination needs --access-key and --secret-key-file");
                }
                target = new Destination.S3(
                        Optional.ofNullable(endpoint), region, uri.getHost(), uri.getPath(), pathStyle, accessKey);
                secret = read(secretKeyFile);
            } else {
                URI uri = URI.create(where.sftp);
                if (!"sftp".equals(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() == null) {
                    throw new Cli.UsageException(
                            "--sftp takes sftp://<user>@<host>[:<port>]/<directory>, not '" + where.sftp + "'");
                }
                if (hostKey == null) {
                    throw new Cli.UsageException("an SFTP destination needs --host-key SHA256:… (the server's"
                            + " fingerprint: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the server)");
                }
                if ((passwordFile == null) == (privateKeyFile == null)) {
                    throw new Cli.UsageException("an SFTP destination needs --password-file or --private-key-file");
                }
                target = new Destination.Sftp(
                        uri.getHost(),
                        uri.getPort() < 0 ? 22 : uri.getPort(),
                        uri.getUserInfo(),
                        hostKey,
                        sftpDirectory(uri.getPath()),
                        passwordFile != null ? Destination.SftpAuth.PASSWORD : Destination.SftpAuth.PRIVATE_KEY);
                secret = read(passwordFile != null ? passwordFile : privateKeyFile);
            }
            try (App app = parent.cli.openApp()) {
                app.accounts().get(account);
                Destination d = app.destinations()
                        .add(
                                account,
                                new Destinations.NewDestination(
                                        name, target, secret, parsed, gzip, tables, Optional.ofNullable(keepDays)));
                parent.cli.out.println(
                        "added destination " + d.name() + ": " + d.target().describe()
                                + "; `datadump destinations test --account " + account + " --name " + d.name()
                                + "` checks it");
            }
        }

        private static String read(Path file) {
            try {
                String s = Files.readString(file);
                return s.endsWith("\n") && !s.contains("PRIVATE KEY") ? s.strip() : s;
            } catch (IOException e) {
                throw new Cli.UsageException("cannot read " + file + " (" + e.getMessage() + ")");
            }
        }

        /** sftp://u@h/exports is "exports" in the user's home; sftp://u@h//share/exports is absolute. */
        private static String sftpDirectory(String path) {
            return path == null || path.isEmpty() ? "" : path.substring(1);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List an account's destinations with their last delivery (never a secret).")
    static final class ListDestinations implements Runnable {
        @ParentCommand
        DestinationsCommand parent;

        @Option(names = "--account", required = true)
        long account;

        public void run() {
            try (App app = parent.cli.openApp()) {
                app.accounts().get(account);
                var out = parent.cli.out;
                out.printf("%-16s %-48s %-22s %s%n", "NAME", "WHERE", "FORMATS", "LAST DELIVERY");
                for (Destination d : app.destinations().list(account)) {
                    String last = app.destinations()
                            .last(account, d.id())
                            .map(l -> "dump " + l.runId() + " " + l.status()
                                    + l.finishedAt()
                                            .map(f -> " " + KeysCommand.listed(f))
                                            .orElse("")
                                    + l.files().map(n -> ", " + n + " files").orElse("")
                                    + l.error().map(e -> ": " + e).orElse(""))
                            .orElse("none yet");
                    out.printf(
                            "%-16s %-48s %-22s %s%n",
                            d.name(),
                            d.target().describe(),
                            String.join(
                                            ",",
                                            d.formats().stream()
                                                    .map(Format::key)
                                                    .toList())
                                    + (d.gzip() ? " gzip" : ""),
                            last);
                }
            }
        }
    }

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = "Write and delete a small file in a destination; says in one sentence what failed.")
    static final class Test implements Runnable {
        @ParentCommand
        DestinationsCommand parent;

        @Option(names = "--account", required = true)
        long account;

        @Option(names = "--name", required = true)
        String name;

        public void run() {
            try (App app = parent.cli.openApp()) {
                parent.cli.out.println(app.deliveries().test(destination(app, account, name)));
            }
        }
    }

    @Command(
            name = "deliver",
            mixinStandardHelpOptions = true,
            description = "Deliver the account's newest dump (or --dump) to a destination now, and wait for it.")
    static final class Deliver implements Runnable {
        @ParentCommand
        DestinationsCommand parent;

        @Option(names = "--account", required = true)
        long account;

        @Option(names = "--name", required = true)
        String name;

        @Option(names = "--dump", description = "a published dump's id (default: the newest)")
        Long dump;

        @Option(names = "--wait-minutes", defaultValue = "60")
        int waitMinutes;

        public void run() {
            try (App app = parent.cli.openApp()) {
                Destination d = destination(app, account, name);
                DumpRun run = (dump == null
                                ? app.runs().current(account)
                                : app.runs().find(dump).filter(r -> r.accountId() == account))
                        .filter(DumpRun::isPublished)
                        .orElseThrow(() -> new IllegalArgumentException(
                                dump == null
                                        ? "account " + account + " has no published dump yet"
                                        : "account " + account + " has no published dump " + dump));
                app.deliveries().queue(d, run.id());
                app.deliveries().start("cli-" + ProcessHandle.current().pid());
                Destinations.Delivery delivery = app.deliveries()
                        .awaitOutcome(d, run.id(), Duration.ofMinutes(waitMinutes))
                        .orElseThrow();
                switch (delivery.status()) {
                    case "delivered" ->
                        parent.cli.out.println("delivered dump " + run.id() + " to "
                                + d.target().describe() + ": "
                                + delivery.files().orElse(0) + " files, "
                                + delivery.bytes().orElse(0L) + " bytes");
                    case "failed", "skipped" ->
                        throw new IllegalStateException("dump " + run.id() + " was not delivered to " + d.name() + ": "
                                + delivery.error().orElse(delivery.status()));
                    default ->
                        throw new IllegalStateException("dump " + run.id() + " is still " + delivery.status()
                                + " after " + waitMinutes + " minutes"
                                + delivery.error()
                                        .map(e -> " (last error: " + e + ")")
                                        .orElse("")
                                + "; a running worker goes on trying");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a destination and its history.")
    static final class Remove implements Runnable {
        @ParentCommand
        DestinationsCommand parent;

        @Option(names = "--account", required = true)
        long account;

        @Option(names = "--name", required = true)
        String name;

        public void run() {
            try (App app = parent.cli.openApp()) {
                destination(app, account, name);
                app.destinations().remove(account, name);
                parent.cli.out.println("removed destination " + name + " (what it delivered stays there)");
            }
        }
    }

    private static Destination destination(App app, long account, String name) {
        app.accounts().get(account);
        return app.destinations()
                .find(account, name)
                .orElseThrow(() -> new IllegalArgumentException("account " + account + " has no destination named '"
                        + name + "'; `datadump destinations list --account " + account + "` lists them"));
    }
}
