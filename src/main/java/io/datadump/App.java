package io.datadump;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.accounts.SourceTenants;
import io.datadump.api.AccountDumpCache;
import io.datadump.api.ApiServer;
import io.datadump.audit.DownloadAudit;
import io.datadump.auth.ApiKeys;
import io.datadump.config.Config;
import io.datadump.db.Database;
import io.datadump.db.Jdbc;
import io.datadump.delivery.Deliverer;
import io.datadump.delivery.Deliveries;
import io.datadump.delivery.Destinations;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.dump.AbandonedRuns;
import io.datadump.dump.ChangeCounter;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpFiles;
import io.datadump.dump.DumpResult;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.DumpSettings;
import io.datadump.dump.DumpWriter;
import io.datadump.dump.GzipEngine;
import io.datadump.dump.GzipEngines;
import io.datadump.dump.Retention;
import io.datadump.dump.StorageCheck;
import io.datadump.dump.TablePlans;
import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import io.datadump.metrics.Metrics;
import io.datadump.portal.PortalSessions;
import io.datadump.schedule.DumpScheduler;
import io.datadump.schema.CatalogCheck;
import io.datadump.schema.CustomFields;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.datadump.storage.S3Storage;
import io.datadump.storage.Storage;
import io.datadump.storage.Storages;
import io.datadump.webhook.Webhooks;
import io.micrometer.core.instrument.FunctionCounter;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of datadump from a {@link Config}, with plain constructors. Closing it
 * closes what it opened (pool, embedded database, server, schedulers).
 */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    private final Clock clock = Clock.systemUTC();
    private final ObjectMapper json = new ObjectMapper();
    private final RowSchemas rowSchemas = new RowSchemas(json);
    private final GzipEngines gzipEngines = new GzipEngines();
    private final String nodeName = nodeName();
    private final Config config;
    private final Database database;
    private final Jdbc jdbc;
    private final Jdbc source;
    private final TableCatalog catalog;
    private final Accounts accounts;
    private final CustomFields customFields;
    private final DemoDataGenerator generator;
    private final Storage storage;
    private final DumpRuns runs;
    private final DumpEngine engine;
    private final ApiKeys apiKeys;
    private final DumpScheduler scheduler;
    private final Webhooks webhooks;
    private final AccountDumpCache accountDumpCache;
    private final DumpFiles dumpFiles;
    private final Representations representations;
    private final DownloadAudit audit;
    private final PortalSessions portalSessions;
    private final Metrics metrics;
    private final Destinations destinations;
    private final Deliveries deliveries;
    private ApiServer apiServer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private App(Config config, TableCatalog catalog, Database database) {
        this.config = config;
        this.database = database;
        this.jdbc = new Jdbc(database.dataSource());
        this.source = new Jdbc(database.source());
        this.catalog = catalog;
        Jdbc builtInCrm = database.builtInSource() ? new Jdbc(database.builtInCrm()) : null;
        this.accounts = new Accounts(
                jdbc,
                new SourceTenants(catalog, source, builtInCrm),
                config.scheduler().defaultZone());
        this.customFields = new CustomFields(source, builtInCrm, catalog);
        this.generator = builtInCrm == null ? null : new DemoDataGenerator(builtInCrm, customFields, catalog);
        this.storage = Storages.open(config.storage());
        this.runs = new DumpRuns(jdbc, json);
        this.engine = newEngine(catalog, storage, config.dump());
        gzipEngine(config.dump()).ifPresent(gzip -> log.info("gzip dumps compressed by {}", gzip));
        this.apiKeys = new ApiKeys(jdbc);
        // one retention for the node's clean-ups: abandoned runs' leftovers and expired dumps
        Retention retention = retention(storage, config.dump());
        this.scheduler = new DumpScheduler(
                jdbc, accounts, engine, runs, new AbandonedRuns(jdbc, runs, retention), config.scheduler(), clock);
        this.webhooks = new Webhooks(database.dataSource(), accounts, json, config.webhooks(), clock);
        this.accountDumpCache = new AccountDumpCache(accounts, runs);
        this.dumpFiles = new DumpFiles(storage);
        this.representations = new Representations(jdbc, source, catalog, customFields, storage, dumpFiles);
        this.audit = new DownloadAudit(jdbc, config.api().auditRetention(), clock);
        this.portalSessions = new PortalSessions(jdbc, config.api().portalSessionIdle(), clock);
        this.metrics = new Metrics(jdbc, clock);
        database.bindMetrics(metrics.registry());
        if (storage instanceof S3Storage s3) {
            FunctionCounter.builder("datadump_s3_uploaded_bytes", s3, S3Storage::uploadedBytes)
                    .description("Bytes this node uploaded to the dump bucket (server-side copies not included)")
                    .baseUnit("bytes")
                    .register(metrics.registry());
        }
        this.destinations =
                new Destinations(jdbc, json, config.delivery().secrets(), java.util.Set.copyOf(catalog.names()));
        this.deliveries = new Deliveries(
                database.dataSource(),
                destinations,
                runs,
                accounts,
                new Deliverer(representations, storage, json),
                webhooks,
                metrics,
                config.delivery(),
                clock);
        engine.on(metrics);
        audit.onRecorded(metrics::downloaded);
        scheduler.addHousekeeping(retention::deleteExpired);
        scheduler.addHousekeeping(audit::prune);
        scheduler.addHousekeeping(portalSessions::prune);
        scheduler.onDailyCheck(() -> storageCheck().checkAllAndRecord());
        engine.on(new DumpEvents() {
            @Override
            public void published(DumpResult result) {
                accountDumpCache.invalidate(result.run().accountId()); // first: the API serves it from now on
                webhooks.dumpPublished(result);
                deliveries.dumpPublished(result);
                prewarmConversions(result);
            }
        });
        // Enabling the entitlement schedules the account's daily dump, disabling unschedules it, a new time reschedules
        // it.
        accounts.onChange(scheduler::sync);
        accounts.onChange(account -> accountDumpCache.invalidate(account.id()));
    }

    /**
     * Reads the catalog, opens the databases (starting the embedded one if needed) and applies migrations to
     * datadump's own schema (and to the built-in CRM's, where that is the source).
     */
    public static App open(Config config) {
        TableCatalog catalog = TableCatalog.load(config.source().catalog());
        int threads = config.scheduler().threads();
        Database db = Database.open(
                config.database(),
                config.source(),
                catalog.searchPath(),
                Math.max(10, threads * 2 + 4),
                // every dump thread may read on `parallelism` connections; the API's conversions and checks need a few
                threads * config.dump().parallelism() + 6);
        try {
            db.migrate();
            return new App(config, catalog, db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * A dump engine over these tables, into this storage, with these settings: the app's own engine is one; the
     * benchmark and tests make others the same way.
     */
    public DumpEngine newEngine(TableCatalog tables, Storage into, DumpSettings settings) {
        return new DumpEngine(
                jdbc,
                source,
                new TablePlans(tables, rowSchemas),
                accounts,
                runs,
                new DumpWriter(into, json, gzipEngine(settings), settings.parallelism()),
                new ChangeCounter(new DumpFiles(into)),
                retention(into, settings),
                settings.parallelism(),
                nodeName,
                clock);
    }

    /**
     * Retention over this storage. A dump it drops stays servable for as long as a link to it can live: a link's
     * lifetime, after the longest an API node may still hold the dump as current (its cache), and a minute for clocks
     * that differ between nodes.
     */
    private Retention retention(Storage into, DumpSettings settings) {
        Duration servable = config.api().urlTtl().plus(AccountDumpCache.TTL).plus(Duration.ofMinutes(1));
        return new Retention(runs, into, settings.retention(), servable, clock);
    }

    /**
     * What compresses gzip dumps with these settings (empty when they are plain JSON). An explicit choice of ISA-L is
     * checked even when gzip is off: a setting that cannot work stops the start.
     */
    public Optional<GzipEngine> gzipEngine(DumpSettings settings) {
        if (!settings.gzip() && settings.gzipEngine() != GzipEngine.Choice.ISAL) return Optional.empty();
        GzipEngine gzip = gzipEngines.engine(settings.gzipEngine(), settings.gzipLevel());
        return settings.gzip() ? Optional.of(gzip) : Optional.empty();
    }

    /**
     * The formats the operator wants ready at dump time, then the conversions requested of an account's previous dump,
     * are made for the new one (see Representations).
     */
    private void prewarmConversions(DumpResult result) {
        List<Format> precompute = config.formats().precompute();
        if (!precompute.isEmpty()) {
            long t0 = System.nanoTime();
            int made = representations.precompute(result.run(), precompute);
            log.info(
                    "dump {}: {} files made ahead as DATADUMP_PRECOMPUTE_FORMATS asks ({}) in {} ms",
                    result.run().id(),
                    made,
                    precompute.stream().map(Format::key).toList(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
        if (result.previous().isEmpty()) return;
        int made = representations.prewarm(result.previous().get(), result.run());
        if (made > 0)
            log.info(
                    "dump {}: {} conversions made ahead of their requests",
                    result.run().id(),
                    made);
    }

    /**
     * Runs the daily dumps, webhooks and deliveries into destinations on this node (any number of nodes may do so at
     * once).
     */
    public void startScheduler() {
        scheduler.start(nodeName);
        webhooks.start(nodeName);
        deliveries.start(nodeName);
    }

    /**
     * Stops running scheduled work on this node (the daily dumps, on-demand runs, webhooks, deliveries); start it again
     * at will.
     */
    public void stopScheduler() {
        scheduler.close();
        webhooks.close();
        deliveries.close();
    }

    /** Runs the housekeeping now that the scheduler runs every few minutes on one node. */
    public void runHousekeeping() {
        scheduler.runHousekeeping();
    }

    /** Reads stored dumps back and compares them with their manifests (datadump check). */
    public StorageCheck storageCheck() {
        return new StorageCheck(runs, storage, json, jdbc);
    }

    /** Starts the HTTP API and the portal on host:port (port 0 picks a free one); returns the port. */
    public int startApi(String host, int port) {
        apiServer =
                HttpFaces.wire(this, accountDumpCache, portalSessions, representations, dumpFiles, rowSchemas, clock);
        return apiServer.start(host, port);
    }

    private static String nodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "pid";
        }
        // the random tag tells apart several Apps in one JVM (tests run two scheduler nodes side by side)
        String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        return host + ":" + ProcessHandle.current().pid() + ":" + tag;
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** datadump's own state. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** Writes into the built-in CRM (demo data, tests); refused when the source is an operator's database. */
    public Jdbc builtInCrm() {
        return new Jdbc(database.builtInCrm());
    }

    /** The dumped database (read-only sessions). */
    public Jdbc source() {
        return source;
    }

    /**
     * Checks the catalog's queries against the source, no tenant's data (see {@link CatalogCheck#checkQueries}): what
     * each start checks; throws when nothing could be dumped.
     */
    public void checkCatalogQueries() {
        new CatalogCheck(catalog, source).checkQueries();
    }

    /**
     * Checks the catalog against the source and every enabled tenant's custom fields (see {@link CatalogCheck}), as
     * {@code catalog check} does; throws when it cannot be dumped from.
     */
    public CatalogCheck.Report checkCatalog() {
        return new CatalogCheck(catalog, source)
                .run(accounts.listEnabled().stream().map(Account::id).toList());
    }

    public TableCatalog catalog() {
        return catalog;
    }

    public Accounts accounts() {
        return accounts;
    }

    public Representations representations() {
        return representations;
    }

    public CustomFields customFields() {
        return customFields;
    }

    /** The demo data generator of the built-in CRM; refused when the source is an operator's database. */
    public DemoDataGenerator generator() {
        if (generator == null) database.builtInCrm(); // throws, saying why
        return generator;
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

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public DumpScheduler scheduler() {
        return scheduler;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    /** The accounts' own storage that dumps are delivered into. */
    public Destinations destinations() {
        return destinations;
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    /** The log of who downloaded what. */
    public DownloadAudit audit() {
        return audit;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** Closes once; later calls do nothing (a stop closes the app while the command's own close may follow). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (apiServer != null) apiServer.close(); // drains the requests in flight
        engine.stopAll(); // this node's dumps end at once and are handed back to the schedule ...
        scheduler.close(); // ... which the scheduler's stop lets them do
        webhooks.close();
        deliveries.close();
        audit.close();
        metrics.close();
        database.close();
    }
}
