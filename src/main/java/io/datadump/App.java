package io.datadump;

import io.datadump.accounts.Accounts;
import io.datadump.config.Config;
import io.datadump.db.Database;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpRuns;
import io.datadump.storage.Storage;
import io.datadump.storage.Storages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import io.datadump.api.AccountDumps;
import io.datadump.api.ApiServer;
import io.datadump.api.UrlSigner;
import io.datadump.auth.ApiKeys;
import io.datadump.schedule.DumpScheduler;
import io.datadump.webhook.Webhooks;
import io.datadump.schema.CustomFields;
import io.datadump.schema.TableCatalog;

/**
 * The composition root: builds every part of datadump from a {@link Config}, with plain constructors.
 * Closing it closes what it opened (pool, embedded database, server, scheduler).
 */
public final class App implements AutoCloseable {
    private final Config config;
    private final Database database;
    private final TableCatalog catalog;
    private final Accounts accounts;
    private final CustomFields customFields;
    private final DemoDataGenerator generator;
    private final ObjectMapper json = new ObjectMapper();
    private final Storage storage;
    private final DumpRuns runs;
    private final DumpEngine engine;
    private final ApiKeys apiKeys;
    private final DumpScheduler scheduler;
    private final Webhooks webhooks;
    private final AccountDumps accountDumps;
    private final String nodeName = nodeName();
    private ApiServer apiServer;

    private App(Config config, Database database) {
        this.config = config;
        this.database = database;
        this.catalog = TableCatalog.load();
        this.accounts = new Accounts(database.dataSource());
        this.customFields = new CustomFields(database.dataSource(), catalog);
        this.generator = new DemoDataGenerator(database.dataSource(), customFields);
        this.storage = Storages.fromConfig(config);
        this.runs = new DumpRuns(database.dataSource(), json);
        this.engine = new DumpEngine(database.dataSource(), catalog, customFields, accounts, storage, runs, json,
                new DumpEngine.Settings(config.gzip(), config.gzipLevel(), config.retention(), nodeName),
                Clock.systemUTC());
        this.apiKeys = new ApiKeys(database.dataSource());
        this.scheduler = new DumpScheduler(database.dataSource(), accounts, engine, runs,
                new DumpScheduler.Settings(config.defaultDumpTime(), config.defaultTimeZone(), config.schedulerThreads(),
                        config.heartbeat(), config.pollingInterval(), config.dumpRetries(), config.retryBase()),
                Clock.systemUTC());
        this.webhooks = new Webhooks(database.dataSource(), json, java.time.Duration.ofSeconds(5));
        this.accountDumps = new AccountDumps(accounts, runs);
        engine.onPublished(webhooks::dumpPublished);
        engine.onPublished(result -> accountDumps.invalidate(result.run().accountId()));
        // Enabling the entitlement schedules the account's daily dump, disabling unschedules it, a new time reschedules it.
        accounts.onChange(scheduler::sync);
        accounts.onChange(account -> accountDumps.invalidate(account.id()));
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    public DumpScheduler scheduler() {
        return scheduler;
    }

    /** Runs the daily dumps of this node (any number of nodes may do so at once). */
    public void startScheduler() {
        scheduler.start(nodeName);
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    /** Starts the HTTP API on host:port (port 0 picks a free one); returns the port. */
    public int startApi(String host, int port) {
        UrlSigner signer = UrlSigner.fromConfig(config.signingSecret(), config.home());
        apiServer = new ApiServer(database.dataSource(), apiKeys, accountDumps, runs, catalog, storage, signer, scheduler, json,
                new ApiServer.Settings(config.publicUrl(), config.urlTtl(),
                        account -> scheduler.scheduledAt(account.id()).orElseGet(() -> scheduler.nextRun(account)),
                        config.onDemandMinInterval()),
                Clock.systemUTC());
        return apiServer.start(host, port);
    }

    private static String nodeName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid() + ":" + instanceTag();
        } catch (java.io.IOException e) {
            return "pid-" + ProcessHandle.current().pid() + ":" + instanceTag();
        }
    }

    /** Tells apart several Apps in one JVM (tests run two scheduler nodes side by side). */
    private static String instanceTag() {
        return Integer.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    public ObjectMapper json() {
        return json;
    }

    public Storage storage() {
        return storage;
    }

    public DumpRuns runs() {
        return runs;
    }

    public DumpEngine engine() {
        return engine;
    }

    /** Opens the database (starting the embedded one if needed) and applies migrations. */
    public static App open(Config config) {
        Database db = Database.open(config, Math.max(10, config.schedulerThreads() * 2 + 4));
        try {
            db.migrate();
            return new App(config, db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public TableCatalog catalog() {
        return catalog;
    }

    public Accounts accounts() {
        return accounts;
    }

    public CustomFields customFields() {
        return customFields;
    }

    public DemoDataGenerator generator() {
        return generator;
    }

    @Override
    public void close() {
        if (apiServer != null) apiServer.close();
        scheduler.close();
        webhooks.close();
        database.close();
    }
}
