package io.datadump.cli;

import io.datadump.App;
import io.datadump.accounts.Account;
import java.time.LocalTime;
import java.time.ZoneId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "accounts",
        mixinStandardHelpOptions = true,
        description = "Create and list accounts (tenants), switch their datadump entitlement.",
        subcommands = {
            AccountsCommand.Create.class,
            AccountsCommand.ListAccounts.class,
            AccountsCommand.Enable.class,
            AccountsCommand.Disable.class,
            AccountsCommand.Schedule.class,
            AccountsCommand.Webhook.class
        })
final class AccountsCommand {
    @ParentCommand
    Cli cli;

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account; prints only its id.")
    static final class Create implements Runnable {
        @ParentCommand
        AccountsCommand parent;

        @Option(names = "--name", required = true, description = "The brokerage's name.")
        String name;

        @Option(names = "--datadump", description = "Enable the datadump entitlement (a paid feature).")
        boolean datadump;

        public void run() {
            try (App app = parent.cli.openApp()) {
                parent.cli.out.println(app.accounts().create(name, datadump).id());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List all accounts.")
    static final class ListAccounts implements Runnable {
        @ParentCommand
        AccountsCommand parent;

        public void run() {
            try (App app = parent.cli.openApp()) {
                var out = parent.cli.out;
                out.printf("%-6s %-9s %-22s %s%n", "ID", "DATADUMP", "SCHEDULE", "NAME");
                for (Account a : app.accounts().list()) {
                    String schedule =
                            a.dumpTime()
                                            .map(LocalTime::toString)
                                            .orElse(app.config().scheduler().defaultTime() + "*") + " " + a.timeZone();
                    out.printf(
                            "%-6d %-9s %-22s %s%n", a.id(), a.datadumpEnabled() ? "enabled" : "-", schedule, a.name());
                }
            }
        }
    }

    @Command(
            name = "enable-datadump",
            mixinStandardHelpOptions = true,
            description = "Enable the datadump entitlement of an account.")
    static final class Enable implements Runnable {
        @ParentCommand
        AccountsCommand parent;

        @Parameters(paramLabel = "<id>", description = "Account id.")
        long id;

        public void run() {
            try (App app = parent.cli.openApp()) {
                app.accounts().setDatadumpEnabled(id, true);
                parent.cli.out.println("datadump enabled for account " + id);
            }
        }
    }

    @Command(
            name = "disable-datadump",
            mixinStandardHelpOptions = true,
            description = "Disable the datadump entitlement of an account.")
    static final class Disable implements Runnable {
        @ParentCommand
        AccountsCommand parent;

        @Parameters(paramLabel = "<id>", description = "Account id.")
        long id;

        public void run() {
            try (App app = parent.cli.openApp()) {
                app.accounts().setDatadumpEnabled(id, false);
                parent.cli.out.println("datadump disabled for account " + id);
            }
        }
    }

    @Command(
            name = "set-schedule",
            mixinStandardHelpOptions = true,
            description = "Set the local time (and time zone) of an account's daily dump.")
    static final class Schedule implements Runnable {
        @ParentCommand
        AccountsCommand parent;

        @Parameters(paramLabel = "<id>", description = "Account id.")
        long id;

        @Option(names = "--time", description = "Local time of day, e.g. 03:30; omit for the global default.")
        LocalTime time;

        @Option(
                names = "--time-zone",
                defaultValue = "Europe/Berlin",
                description = "Time zone, default ${DEFAULT-VALUE}.")
        ZoneId zone;

        public void run() {
            try (App app = parent.cli.openApp()) {
                app.accounts().setSchedule(id, time, zone);
                parent.cli.out.println("account " + id + " dumps daily at "
                        + (time == null ? app.config().scheduler().defaultTime() : time) + " " + zone);
            }
        }
    }

    @Command(
            name = "set-webhook",
            mixinStandardHelpOptions = true,
            description =
                    "Register a URL that receives a signed POST when a dump is ready; prints the signing secret once.")
    static final class Webhook implements Runnable {
        @ParentCommand
        AccountsCommand parent;

        @Parameters(paramLabel = "<id>", description = "Account id.")
        long id;

        @Option(names = "--url", description = "http(s) URL; omit to remove the webhook.")
        String url;

        public void run() {
            try (App app = parent.cli.openApp()) {
                String secret = app.webhooks().register(id, url);
                parent.cli.out.println(secret == null ? "webhook removed from account " + id : secret);
            }
        }
    }
}
