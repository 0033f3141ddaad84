package io.datadump.cli;

import io.datadump.App;
import io.datadump.accounts.Account;
import io.datadump.config.Config;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Set up a premium demo account and a free one with demo data, dump it, and serve the API.")
final class DemoCommand implements Runnable {
    static final String PREMIUM = "Demo Immobilien GmbH";
    static final String FREE = "Free Makler GmbH";
    static final String DEMO_KEY = "demo";

    @ParentCommand
    Cli cli;

    @Option(names = "--scale", defaultValue = "1", description = "Demo data scale (default ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--no-serve", description = "Set up and dump, print the keys, but do not start the API.")
    boolean noServe;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description =
                    "Interface to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for every one).")
    String host;

    public void run() {
        if (scale < 1 || scale > GenerationPlan.MAX_SCALE) {
            throw new Cli.UsageException("--scale is 1 to " + GenerationPlan.MAX_SCALE + ", not " + scale);
        }
        ListenAddress.check(host);
        try (App app = App.open(demoConfig(cli.config.get()))) {
            Account premium = findOrCreate(app, PREMIUM, true);
            Account free = findOrCreate(app, FREE, false);
            for (Account a : new Account[] {premium, free}) {
                if (app.generator().contactCount(a.id()) == 0) {
                    var progress = new ConsoleProgress(
                            cli.err, GenerationPlan.forScale(scale).totalRows());
                    var result = app.generator().generate(a.id(), GenerationPlan.forScale(scale), a.id(), progress);
                    progress.finish();
                    cli.out.printf(
                            "generated %,d rows for %s (account %d) at %,.0f rows/s%n",
                            result.rows(), a.name(), a.id(), result.rowsPerSecond());
                }
            }
            DumpResult dump = app.engine().dump(premium.id(), RunTrigger.CLI, DumpEvents.NONE);
            cli.out.printf(
                    "dump %d of account %d published: %,d rows in %d files, %,d bytes, %.2f s%n",
                    dump.run().id(),
                    premium.id(),
                    dump.rows(),
                    dump.manifest().tables().size(),
                    dump.bytes(),
                    dump.millis() / 1000.0);
            cli.out.println(
                    "files: " + app.storage().describe() + "/" + dump.run().storagePrefix());
            // keys are kept only as hashes, so an earlier run's cannot be shown again: they are revoked, not piled up
            int revoked = revokeDemoKeys(app, premium) + revokeDemoKeys(app, free);
            String premiumKey = app.apiKeys().create(premium.id(), DEMO_KEY).secret();
            String freeKey = app.apiKeys().create(free.id(), DEMO_KEY).secret();
            if (revoked > 0)
                cli.out.println("revoked " + revoked + " key(s) named \"" + DEMO_KEY + "\" of earlier runs");
            int port = noServe
                    ? app.config().api().port()
                    : app.startApi(host, app.config().api().port());
            // what the portal offers ("Dump now", the daily dump) needs a scheduler to run it
            if (!noServe) app.startScheduler();
            String base =
                    app.config().api().publicUrl().orElse("http://" + ListenAddress.reachableAs(host) + ":" + port);
            var out = cli.out;
            out.println();
            out.println("API key of " + PREMIUM + " (account " + premium.id() + "): " + premiumKey);
            out.println("API key of " + FREE + " (account " + free.id() + ", no datadump): " + freeKey);
            out.println();
            out.println("Try:");
            out.println("  curl -s -H 'X-API-KEY: " + premiumKey + "' " + base + "/v1/datadump | jq");
            out.println("  curl -sL -H 'X-API-KEY: " + premiumKey + "' " + base + "/v1/datadump/contacts | jq length");
            out.println("  curl -sL -H 'X-API-KEY: " + premiumKey + "' " + base
                    + "/v1/datadump/properties -o properties.json");
            out.println("  curl -s -H 'X-API-KEY: " + freeKey + "' " + base
                    + "/v1/datadump/contacts      # 403: not enabled");
            out.println();
            out.println("Portal for tenants: " + base + "/ (sign in with the API key above)");
            if (noServe) return;
            out.println();
            out.println("API and portal at " + base + " (listening on " + ListenAddress.describe(host, port)
                    + ") - press Ctrl-C to stop.");
            out.flush();
            ServeCommand.awaitShutdown(app);
        }
    }

    private static int revokeDemoKeys(App app, Account account) {
        int revoked = 0;
        for (var key : app.apiKeys().list(account.id())) {
            if (key.name().equals(DEMO_KEY)
                    && key.revokedAt().isEmpty()
                    && app.apiKeys().revoke(key.id())) revoked++;
        }
        return revoked;
    }

    static Account findOrCreate(App app, String name, boolean datadump) {
        return app.accounts().list().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .map(a -> a.datadumpEnabled() == datadump ? a : app.accounts().setDatadumpEnabled(a.id(), datadump))
                .orElseGet(() -> app.accounts().create(name, datadump));
    }

    /**
     * The demo's settings: as given, and where unset, destinations can be tried at once: a secrets key generated once
     * into {@code $DATADUMP_HOME/demo-secrets.key} (owner-only), and delivery to this machine's network allowed (a NAS
     * or MinIO next to it). A real installation sets DATADUMP_SECRETS_KEY itself.
     */
    static Config demoConfig(Config given) {
        Map<String, String> variables = new HashMap<>(given.variables());
        if (!variables.containsKey("DATADUMP_SECRETS_KEY")) {
            variables.put("DATADUMP_SECRETS_KEY", demoSecretsKey(given.home().resolve("demo-secrets.key")));
        }
        variables.putIfAbsent("DATADUMP_DELIVERY_PRIVATE_NETWORKS", "true");
        return Config.fromMap(variables);
    }

    private static String demoSecretsKey(Path file) {
        try {
            if (Files.exists(file)) return Files.readString(file).strip();
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            String encoded = Base64.getEncoder().encodeToString(key);
            Files.writeString(file, encoded + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return encoded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo's secrets key in " + file, e);
        }
    }
}
