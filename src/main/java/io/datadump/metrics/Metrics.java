package io.datadump.metrics;

import io.datadump.audit.Download;
import io.datadump.db.Jdbc;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.TableFile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The operator's metrics, in Prometheus's text format (Micrometer with its Prometheus registry): dump runs by outcome,
 * dump and table durations, rows and bytes dumped, queued and running dumps, accounts whose last dump is too old, when
 * this node last published, API requests by route and status with their latency, bytes served, JVM and pools.
 * Labels are route templates, statuses, table and format names: never an account, a key or a path a client chose.
 */
public final class Metrics implements DumpEvents, AutoCloseable {
    /** An account without a published dump for this long counts as stale: a daily dump plus two hours of slack. */
    public static final Duration STALE_AFTER = Duration.ofHours(26);
    /** Database-backed gauges are read at most this often, however often Prometheus scrapes. */
    private static final Duration GAUGE_CACHE = Duration.ofSeconds(5);

    /** The latencies an alert on the API asks about (a redirect takes ~1 ms; a file is streamed for seconds). */
    private static final Duration[] REQUEST_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(25),
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        Duration.ofSeconds(60)
    };
    /** An account's dump, from a small tenant's second to a large one's hour. */
    private static final Duration[] DUMP_BUCKETS = {
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        Duration.ofMinutes(5),
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Duration.ofHours(3)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Clock clock;
    private final AtomicLong lastPublishedEpochSecond = new AtomicLong();
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> downloads = new ConcurrentHashMap<>();
    private final DistributionSummary servedBytes;
    /** The binding of the JVM's metrics, which a scrape waits for. */
    private final Future<?> jvmMetrics;
    /** One daemon thread reads every database-backed gauge, off the scrape's thread. */
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "metrics-refresh");
        t.setDaemon(true);
        return t;
    });

    public Metrics(Jdbc service, Clock clock) {
        this.clock = clock;
        // the JVM's own metrics load the management classes: 0.2-0.3 s of a CLI dump's start, so beside it
        this.jvmMetrics = refresher.submit(() -> {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmGcMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        });
        Supplier<Map<String, Long>> state = new Cached(() -> runState(service));
        for (String s : new String[] {"queued", "running"}) {
            Gauge.builder("datadump_dumps", state, m -> m.get().getOrDefault(s, 0L))
                    .tag("status", s)
                    .description("Dump runs queued or running now, on all nodes")
                    .strongReference(true) // gauges hold their object weakly by default
                    .register(registry);
        }
        Gauge.builder("datadump_accounts_enabled", state, m -> m.get().getOrDefault("enabled", 0L))
                .description("Accounts with the datadump entitlement")
                .strongReference(true)
                .register(registry);
        Gauge.builder("datadump_accounts_stale", state, m -> m.get().getOrDefault("stale", 0L))
                .description("Enabled accounts without a published dump in the last 26 hours")
                .strongReference(true)
                .register(registry);
        servedBytes = DistributionSummary.builder("datadump_served_bytes")
                .baseUnit("bytes")
                .description("Bytes of table files sent by this server")
                .register(registry);
        Supplier<Map<String, Long>> check = new Cached(() -> lastCheck(service));
        Gauge.builder("datadump_storage_check_problems", check, m -> m.get().getOrDefault("problems", -1L))
                .description("Problems the newest storage check found (datadump check, daily; -1: none ran yet)")
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "datadump_storage_check_timestamp_seconds",
                        check,
                        m -> m.get().getOrDefault("at", 0L))
                .description("When the newest storage check ran, on any node (0: never)")
                .strongReference(true)
                .register(registry);
        Supplier<Map<String, Long>> deliveries = new Cached(() -> pendingDeliveries(service));
        Gauge.builder("datadump_deliveries_pending", deliveries, m -> m.get().getOrDefault("pending", 0L))
                .description("Deliveries into accounts' destinations queued or in progress, on all nodes")
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "datadump_delivery_oldest_pending_seconds",
                        deliveries,
                        m -> m.get().getOrDefault("oldest", 0L))
                .description("How long the oldest pending delivery has waited since its dump was published (0: none)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("datadump_last_published_timestamp_seconds", lastPublishedEpochSecond, AtomicLong::get)
                .description("When this node last published a dump (0: not since it started)")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Stops the background reads of the database-backed gauges. */
    @Override
    public void close() {
        refresher.shutdownNow();
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        try {
            jvmMetrics.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not bind the JVM's metrics", e.getCause());
        }
        return registry.scrape();
    }

    @Override
    public void tableDumped(long accountId, TableFile file, long millis) {
        String table = file.name();
        long rows = file.rows(), bytes = file.bytes();
        // count, sum and max per table; no buckets: 26 tables × 70 buckets were 1,846 of a scrape's 4,935 samples, and
        // no alert wants a per-table quantile (the whole dump's duration has its buckets)
        Timer.builder("datadump_table_dump_duration")
                .tag("table", table)
                .description("Time to dump one table of one account")
                .register(registry)
                .record(millis, TimeUnit.MILLISECONDS);
        Counter.builder("datadump_dumped_rows")
                .tag("table", table)
                .register(registry)
                .increment(rows);
        Counter.builder("datadump_dumped_bytes")
                .tag("table", table)
                .register(registry)
                .increment(bytes);
    }

    @Override
    public void published(DumpResult result) {
        runs("published").increment();
        Timer.builder("datadump_dump_duration")
                .description("Time to dump one account, from lock to publish")
                .serviceLevelObjectives(DUMP_BUCKETS)
                .register(registry)
                .record(result.millis(), TimeUnit.MILLISECONDS);
        lastPublishedEpochSecond.set(clock.instant().getEpochSecond());
    }

    @Override
    public void failed(long accountId, String reason) {
        runs("failed").increment();
    }

    private Counter runs(String status) {
        return Counter.builder("datadump_dump_runs")
                .tag("status", status)
                .description("Dump runs ended on this node, by outcome")
                .register(registry);
    }

    /** One answered API or portal request: its route template (not its path), method, status and time. */
    public void request(String route, String method, int status, long nanos) {
        // looked up by a plain key: building the meter's id for every request cost as much as the rest of a redirect
        requestTimers
                .computeIfAbsent(
                        method + ' ' + status + ' ' + route,
                        k -> Timer.builder("datadump_http_requests")
                                .tag("route", route)
                                .tag("method", method)
                                .tag("status", Integer.toString(status))
                                .description("HTTP requests answered, by route template and status")
                                .serviceLevelObjectives(REQUEST_BUCKETS)
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts links issued and files served (the audit tells this of every download). */
    public void downloaded(Download d) {
        downloads
                .computeIfAbsent(
                        d.kind().name() + ' ' + d.format(),
                        k -> Counter.builder("datadump_downloads")
                                .tag("kind", d.kind().key())
                                .tag("format", d.format())
                                .register(registry))
                .increment();
        if (d.bytesSent() != null) servedBytes.record(d.bytesSent());
    }

    private static Map<String, Long> runState(Jdbc service) {
        return service.queryFirst(
                        """
                        SELECT (SELECT count(*) FROM dump_runs WHERE status = 'queued'),
                               (SELECT count(*) FROM dump_runs WHERE status = 'running'),
                               (SELECT count(*) FROM accounts WHERE datadump_enabled),
                               (SELECT count(*) FROM accounts a WHERE a.datadump_enabled AND NOT EXISTS (
                                    SELECT 1 FROM dump_runs r WHERE r.account_id = a.id AND r.status = 'published'
                                    AND r.finished_at > now() - make_interval(hours => ?)))""",
                        rs -> Map.of(
                                "queued", rs.getLong(1),
                                "running", rs.getLong(2),
                                "enabled", rs.getLong(3),
                                "stale", rs.getLong(4)),
                        (int) STALE_AFTER.toHours())
                .orElse(Map.of());
    }

    private static Map<String, Long> pendingDeliveries(Jdbc service) {
        return service.queryFirst(
                        "SELECT count(*), coalesce(extract(epoch FROM now() - min(queued_at)), 0)::bigint FROM deliveries"
                                + " WHERE status IN ('queued', 'delivering')",
                        rs -> Map.of("pending", rs.getLong(1), "oldest", rs.getLong(2)))
                .orElse(Map.of());
    }

    /**
     * A delivery attempt's outcome (delivered, retried, failed) by destination kind, never by account or destination:
     * thousands of tenants would make thousands of series. Delivered ones add their bytes and their lag since the dump
     * was published.
     */
    public void delivery(String kind, String outcome, long bytes, Optional<Duration> lag) {
        Counter.builder("datadump_deliveries")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .description("Delivery attempts into accounts' destinations, by outcome")
                .register(registry)
                .increment();
        if (bytes > 0) {
            Counter.builder("datadump_delivered_bytes")
                    .tag("kind", kind)
                    .baseUnit("bytes")
                    .description("Bytes delivered into accounts' destinations")
                    .register(registry)
                    .increment(bytes);
        }
        lag.ifPresent(l -> Timer.builder("datadump_delivery_lag")
                .tag("kind", kind)
                .description("From a dump's publication to its delivery into a destination")
                .register(registry)
                .record(l));
    }

    private static Map<String, Long> lastCheck(Jdbc service) {
        return service.queryFirst(
                        "SELECT extract(epoch FROM at)::bigint, problems FROM storage_checks ORDER BY at DESC LIMIT 1",
                        rs -> Map.of("at", rs.getLong(1), "problems", rs.getLong(2)))
                .orElse(Map.of());
    }

    /**
     * A value read from the database in the background, at most once per interval: a scrape is answered at once from
     * the last value read, and a database that is down or stalled (each read then waits out the pool's timeout) never
     * holds up {@code /metrics} (Prometheus gives up after 10 s). Until the first read completes the gauges show their
     * defaults; a failed read keeps the last value.
     */
    private final class Cached implements Supplier<Map<String, Long>> {
        private final Supplier<Map<String, Long>> read;
        private volatile Map<String, Long> value = Map.of();
        private long readAt = Long.MIN_VALUE;
        private boolean reading;

        Cached(Supplier<Map<String, Long>> read) {
            this.read = read;
        }

        @Override
        public Map<String, Long> get() {
            synchronized (this) {
                long now = clock.millis();
                if (!reading && (readAt == Long.MIN_VALUE || now - readAt > GAUGE_CACHE.toMillis())) {
                    reading = true;
                    readAt = now;
                    refresher.execute(this::refresh);
                }
            }
            return value;
        }

        private void refresh() {
            try {
                value = read.get();
            } catch (RuntimeException e) {
                // the last value stands; the database's own health is in /health and the pool metrics
            } finally {
                synchronized (this) {
                    reading = false;
                }
            }
        }
    }
}
