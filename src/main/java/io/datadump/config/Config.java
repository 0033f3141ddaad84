package io.datadump.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of datadump, read once from the environment (DATADUMP_*). Tests build one from a map.
 */
public record Config(
        Path home,
        Optional<String> dbUrl,
        Optional<String> dbUser,
        Optional<String> dbPassword,
        String storage,
        boolean gzip,
        int gzipLevel,
        int retention,
        int port,
        Optional<String> publicUrl,
        Optional<String> signingSecret,
        Duration urlTtl,
        LocalTime defaultDumpTime,
        ZoneId defaultTimeZone,
        int schedulerThreads,
        Duration onDemandMinInterval,
        Duration heartbeat,
        Duration pollingInterval,
        int dumpRetries,
        Duration retryBase,
        Map<String, String> raw) {

    public static Config fromEnvironment() {
        return fromMap(System.getenv());
    }

    public static Config fromMap(Map<String, String> env) {
        var reader = new Reader(env);
        Path home = Path.of(reader.get("DATADUMP_HOME").orElse("datadump-data")).toAbsolutePath().normalize();
        return new Config(
                home,
                reader.get("DATADUMP_DB_URL"),
                reader.get("DATADUMP_DB_USER"),
                reader.get("DATADUMP_DB_PASSWORD"),
                reader.get("DATADUMP_STORAGE").orElse("file:" + home.resolve("dumps")),
                reader.bool("DATADUMP_GZIP", false),
                reader.integer("DATADUMP_GZIP_LEVEL", 2, 1, 9),
                reader.integer("DATADUMP_RETENTION", 7, 1),
                reader.integer("DATADUMP_PORT", 8080, 0),
                reader.get("DATADUMP_PUBLIC_URL").map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u),
                reader.get("DATADUMP_SIGNING_SECRET"),
                Duration.ofSeconds(reader.integer("DATADUMP_URL_TTL_SECONDS", 900, 1)),
                reader.time("DATADUMP_DUMP_TIME", LocalTime.of(2, 0)),
                reader.zone("DATADUMP_TIME_ZONE", ZoneId.of("Europe/Berlin")),
                reader.integer("DATADUMP_SCHEDULER_THREADS", Runtime.getRuntime().availableProcessors(), 1),
                Duration.ofSeconds(reader.integer("DATADUMP_ON_DEMAND_MIN_INTERVAL_SECONDS", 3600, 0)),
                Duration.ofSeconds(reader.integer("DATADUMP_HEARTBEAT_SECONDS", 30, 1)),
                Duration.ofMillis(reader.integer("DATADUMP_POLLING_MILLIS", 10_000, 100)),
                reader.integer("DATADUMP_DUMP_RETRIES", 3, 0),
                Duration.ofSeconds(reader.integer("DATADUMP_RETRY_BASE_SECONDS", 300, 1)),
                Map.copyOf(env));
    }

    public Optional<String> get(String name) {
        return new Reader(raw).get(name);
    }

    /** Reads and validates values; a bad value names the variable and what it expects. */
    private record Reader(Map<String, String> env) {
        Optional<String> get(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        boolean bool(String name, boolean def) {
            return get(name).map(v -> switch (v.toLowerCase()) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigException(name + " must be true or false, not '" + v + "'");
            }).orElse(def);
        }

        int integer(String name, int def, int min) {
            return integer(name, def, min, Integer.MAX_VALUE);
        }

        int integer(String name, int def, int min, int max) {
            return get(name).map(v -> {
                try {
                    int i = Integer.parseInt(v);
                    if (i < min) throw new ConfigException(name + " must be at least " + min + ", not " + i);
                    if (i > max) throw new ConfigException(name + " must be at most " + max + ", not " + i);
                    return i;
                } catch (NumberFormatException e) {
                    throw new ConfigException(name + " must be a whole number, not '" + v + "'");
                }
            }).orElse(def);
        }

        LocalTime time(String name, LocalTime def) {
            return get(name).map(v -> {
                try {
                    return LocalTime.parse(v);
                } catch (RuntimeException e) {
                    throw new ConfigException(name + " must be a time like 02:00, not '" + v + "'");
                }
            }).orElse(def);
        }

        ZoneId zone(String name, ZoneId def) {
            return get(name).map(v -> {
                try {
                    return ZoneId.of(v);
                } catch (RuntimeException e) {
                    throw new ConfigException(name + " must be a time zone like Europe/Berlin, not '" + v + "'");
                }
            }).orElse(def);
        }
    }
}
