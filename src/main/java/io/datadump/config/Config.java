package io.datadump.config;

import io.datadump.api.ApiSettings;
import io.datadump.backup.BackupSettings;
import io.datadump.db.DatabaseSettings;
import io.datadump.db.SourceSettings;
import io.datadump.delivery.DeliverySettings;
import io.datadump.delivery.SecretBox;
import io.datadump.dump.DumpSettings;
import io.datadump.dump.GzipEngine;
import io.datadump.dump.RetentionPolicy;
import io.datadump.formats.FormatSettings;
import io.datadump.schedule.SchedulerSettings;
import io.datadump.storage.StorageSettings;
import io.datadump.webhook.WebhookSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every setting of datadump, read once from the environment (DATADUMP_*) and validated before anything starts: a
 * bad value stops the program with one sentence naming the variable, the value and what is allowed. Each concern
 * gets its own typed record, which the feature receives; no other package reads the environment. Tests build one
 * from a map.
 */
public record Config(
        Path home,
        DatabaseSettings database,
        SourceSettings source,
        StorageSettings storage,
        DumpSettings dump,
        SchedulerSettings scheduler,
        ApiSettings api,
        WebhookSettings webhooks,
        DeliverySettings delivery,
        BackupSettings backup,
        FormatSettings formats,
        Map<String, String> variables) {

    public static Config fromEnvironment() {
        return fromMap(System.getenv());
    }

    public static Config fromMap(Map<String, String> env) {
        return read(new EnvironmentReader(env));
    }

    /**
     * The variables a configuration from {@code env} reads, set or not (some only in a branch: the S3 settings with S3
     * storage): what the configuration test holds its full mapping to.
     */
    static Set<String> variablesRead(Map<String, String> env) {
        var r = new EnvironmentReader(env);
        read(r);
        return Set.copyOf(r.read());
    }

    private static Config read(EnvironmentReader r) {
        Map<String, String> env = r.env();
        Path home = r.path("DATADUMP_HOME", Path.of("datadump-data"));
        int gzipLevel = r.integer("DATADUMP_GZIP_LEVEL", 2, 1, 9);
        GzipEngine.Choice gzipEngine = r.choice("DATADUMP_GZIP_ENGINE", GzipEngine.Choice.AUTO);
        if (gzipEngine == GzipEngine.Choice.ISAL && gzipLevel > 3) {
            throw new ConfigException("DATADUMP_GZIP_LEVEL must be from 1 to 3 with DATADUMP_GZIP_ENGINE=isal (ISA-L's"
                    + " levels), not " + gzipLevel + "; choose zlib or auto for higher levels");
        }
        return new Config(
                home,
                new DatabaseSettings(
                        r.jdbcUrl("DATADUMP_DB_URL"),
                        r.string("DATADUMP_DB_USER"),
                        r.string("DATADUMP_DB_PASSWORD"),
                        home,
                        r.integer("DATADUMP_EMBEDDED_DB_PORT", 0, 0, 65_535),
                        r.seconds("DATADUMP_DB_CONNECT_TIMEOUT_SECONDS", 5, 1, 300),
                        r.seconds("DATADUMP_DB_SOCKET_TIMEOUT_SECONDS", 120, 1, 86_400)),
                new SourceSettings(
                        r.jdbcUrl("DATADUMP_SOURCE_URL"),
                        r.string("DATADUMP_SOURCE_USER"),
                        r.string("DATADUMP_SOURCE_PASSWORD"),
                        r.directory("DATADUMP_CATALOG")),
                storage(r, home),
                new DumpSettings(
                        r.bool("DATADUMP_GZIP", false),
                        gzipLevel,
                        gzipEngine,
                        new RetentionPolicy(
                                // DATADUMP_RETENTION, the older name, is the daily count
                                r.integer(
                                        "DATADUMP_RETENTION_DAILY",
                                        r.integer("DATADUMP_RETENTION", 7, 1, 10_000),
                                        1,
                                        10_000),
                                r.integer("DATADUMP_RETENTION_WEEKLY", 4, 0, 520),
                                r.integer("DATADUMP_RETENTION_MONTHLY", 3, 0, 240)),
                        r.integer(
                                "DATADUMP_DUMP_PARALLELISM",
                                Runtime.getRuntime().availableProcessors(),
                                1,
                                64)),
                new SchedulerSettings(
                        r.time("DATADUMP_DUMP_TIME", LocalTime.of(2, 0)),
                        r.zone("DATADUMP_TIME_ZONE", ZoneId.of("Europe/Berlin")),
                        r.integer(
                                "DATADUMP_SCHEDULER_THREADS",
                                Runtime.getRuntime().availableProcessors(),
                                1,
                                256),
                        r.seconds("DATADUMP_HEARTBEAT_SECONDS", 30, 1, 3600),
                        Duration.ofMillis(r.integer("DATADUMP_POLLING_MILLIS", 10_000, 100, 3_600_000)),
                        r.integer("DATADUMP_DUMP_RETRIES", 3, 0, 100),
                        r.seconds("DATADUMP_RETRY_BASE_SECONDS", 300, 1, 86_400),
                        // after the nightly window: reading every dump back competes with no dump
                        r.time("DATADUMP_CHECK_TIME", LocalTime.of(12, 0))),
                new ApiSettings(
                        r.integer("DATADUMP_PORT", 8080, 0, 65_535),
                        r.httpUrl("DATADUMP_PUBLIC_URL").map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
                        r.secret("DATADUMP_SIGNING_SECRET", 16),
                        r.seconds("DATADUMP_URL_TTL_SECONDS", 900, 1, 7 * 86_400),
                        r.seconds("DATADUMP_ON_DEMAND_MIN_INTERVAL_SECONDS", 3600, 0, 7 * 86_400),
                        r.secret("DATADUMP_METRICS_TOKEN", 16),
                        Duration.ofMinutes(r.integer("DATADUMP_PORTAL_SESSION_MINUTES", 30, 1, 7 * 24 * 60)),
                        Duration.ofDays(r.integer("DATADUMP_AUDIT_DAYS", 90, 1, 3650))),
                new WebhookSettings(
                        r.integer("DATADUMP_WEBHOOK_THREADS", 4, 1, 256),
                        r.integer("DATADUMP_WEBHOOK_RETRIES", 8, 0, 100),
                        r.seconds("DATADUMP_WEBHOOK_RETRY_BASE_SECONDS", 30, 1, 86_400),
                        r.seconds("DATADUMP_WEBHOOK_TIMEOUT_SECONDS", 10, 1, 300)),
                new DeliverySettings(
                        r.integer("DATADUMP_DELIVERY_THREADS", 4, 1, 256),
                        r.integer("DATADUMP_DELIVERY_RETRIES", 8, 0, 100),
                        r.seconds("DATADUMP_DELIVERY_RETRY_BASE_SECONDS", 60, 1, 86_400),
                        r.seconds("DATADUMP_DELIVERY_TIMEOUT_SECONDS", 30, 1, 600),
                        r.seconds("DATADUMP_DELIVERY_HEARTBEAT_SECONDS", 10, 1, 3600),
                        r.bool("DATADUMP_DELIVERY_PRIVATE_NETWORKS", false),
                        secretsKey(r)),
                new BackupSettings(r.secret("DATADUMP_API_KEY", 1)),
                new FormatSettings(r.formats("DATADUMP_PRECOMPUTE_FORMATS")),
                datadumpVariables(env));
    }

    private static StorageSettings storage(EnvironmentReader r, Path home) {
        String spec = r.string("DATADUMP_STORAGE").orElse("file:" + home.resolve("dumps"));
        if (spec.startsWith("file:")) {
            String dir = spec.substring("file:".length());
            if (dir.isBlank()) {
                throw new ConfigException(
                        "DATADUMP_STORAGE must name a directory after 'file:' (e.g. file:/var/lib/datadump), not '"
                                + spec + "'");
            }
            return new StorageSettings.Filesystem(
                    Path.of(dir).toAbsolutePath().normalize(), deltaMinBytes(r, "DATADUMP_FILE_DELTA"));
        }
        if (spec.startsWith("s3://")) {
            String rest = spec.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (!bucket.matches("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]")) {
                throw new ConfigException("DATADUMP_STORAGE must be s3://<bucket>/<prefix> with a valid bucket name"
                        + " (3-63 lower-case letters, digits, dots and dashes), not '" + spec + "'");
            }
            return new StorageSettings.S3(
                    bucket,
                    slash < 0 ? "" : rest.substring(slash + 1),
                    r.httpUrl("DATADUMP_S3_ENDPOINT"),
                    r.string("DATADUMP_S3_REGION").orElse("us-east-1"),
                    r.string("DATADUMP_S3_ACCESS_KEY"),
                    r.string("DATADUMP_S3_SECRET_KEY"),
                    r.bool("DATADUMP_S3_PATH_STYLE", false),
                    8 << 20,
                    deltaMinBytes(r, "DATADUMP_S3_DELTA"));
        }
        throw new ConfigException(
                "DATADUMP_STORAGE must be file:<directory> or s3://<bucket>/<prefix>, not '" + spec + "'");
    }

    /**
     * {@code <prefix>S} (on by default) and {@code <prefix>_MIN_KB}: the smallest previous file a table file is stored
     * as a delta of. 1 MiB: a small tenant's files would gain a recipe and save next to nothing.
     */
    private static long deltaMinBytes(EnvironmentReader r, String prefix) {
        return r.bool(prefix + "S", true)
                ? (long) r.integer(prefix + "_MIN_KB", 1024, 0, Integer.MAX_VALUE) << 10
                : Long.MAX_VALUE;
    }

    private static Optional<SecretBox> secretsKey(EnvironmentReader r) {
        return r.string("DATADUMP_SECRETS_KEY").map(v -> {
            try {
                return SecretBox.parse(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("DATADUMP_SECRETS_KEY " + e.getMessage());
            }
        });
    }

    /** The DATADUMP_* variables as given, e.g. to pass on to a child process. */
    private static Map<String, String> datadumpVariables(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("DATADUMP_")) out.put(k, v);
        });
        return Map.copyOf(out);
    }

    @Override
    public String toString() { // the records hide their secrets; the raw variables are left out entirely
        return "Config[home=" + home + ", " + database + ", " + source + ", " + storage + ", " + dump + ", " + scheduler
                + ", " + api + ", " + webhooks + ", " + delivery + ", " + backup + "]";
    }
}
