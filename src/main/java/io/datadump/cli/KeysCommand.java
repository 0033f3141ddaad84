package io.datadump.cli;

import io.datadump.App;
import io.datadump.auth.ApiKeys;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "API keys of an account.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {
    @ParentCommand
    Cli cli;

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create an API key; prints only the key, which is shown this once.")
    static final class Create implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Option(names = "--account", required = true)
        long account;

        @Option(names = "--name", description = "A label, e.g. 'Power BI'.")
        String name;

        public void run() {
            try (App app = parent.cli.openApp()) {
                app.accounts().get(account);
                parent.cli.out.println(app.apiKeys().create(account, name).secret());
            }
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List an account's keys (never the keys themselves).")
    static final class ListKeys implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Option(names = "--account", required = true)
        long account;

        public void run() {
            try (App app = parent.cli.openApp()) {
                app.accounts().get(account);
                var out = parent.cli.out;
                out.printf(
                        "%-6s %-12s %-20s %-20s %-20s %s%n", "ID", "PREFIX", "CREATED", "LAST USED", "REVOKED", "NAME");
                for (ApiKeys.ApiKey k : app.apiKeys().list(account)) {
                    out.printf(
                            "%-6d %-12s %-20s %-20s %-20s %s%n",
                            k.id(),
                            k.keyPrefix() + "…",
                            listed(k.createdAt()),
                            k.lastUsedAt().map(KeysCommand::listed).orElse("-"),
                            k.revokedAt().map(KeysCommand::listed).orElse("-"),
                            k.name() == null ? "" : k.name());
                }
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key by its id.")
    static final class Revoke implements Runnable {
        @ParentCommand
        KeysCommand parent;

        @Parameters(paramLabel = "<key-id>")
        long keyId;

        public void run() {
            try (App app = parent.cli.openApp()) {
                if (!app.apiKeys().revoke(keyId))
                    throw new IllegalArgumentException("there is no active API key with id " + keyId);
                parent.cli.out.println("revoked key " + keyId);
            }
        }
    }

    /** A time as the listing shows it: UTC, to the second, without the T. */
    static String listed(Instant i) {
        return i.toString().substring(0, 19).replace('T', ' ');
    }
}
