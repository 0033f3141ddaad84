package io.datadump.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datadump.dump.GzipEngine;
import io.datadump.dump.RetentionPolicy;
import io.datadump.formats.Format;
import io.datadump.storage.StorageSettings;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class ConfigTest {
    static Config config(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return Config.fromMap(env);
    }

    @Test
    void defaults() {
        Config c = config();
        Path home = Path.of("datadump-data").toAbsolutePath().normalize();
        assertThat(c.home()).isEqualTo(home);
        assertThat(c.database().url()).isEmpty();
        assertThat(c.database().embeddedHome()).isEqualTo(home);
        assertThat(c.source().url()).isEmpty();
        assertThat(c.source().external()).isFalse();
        assertThat(c.source().user()).isEmpty();
        assertThat(c.source().catalog()).isEmpty();
        assertThat(c.storage()).isEqualTo(new StorageSettings.Filesystem(home.resolve("dumps")));
        assertThat(c.dump().gzip()).isFalse();
        assertThat(c.dump().gzipLevel()).isEqualTo(2);
        assertThat(c.dump().gzipEngine()).isEqualTo(GzipEngine.Choice.AUTO);
        assertThat(c.dump().retention()).isEqualTo(new RetentionPolicy(7, 4, 3));
        assertThat(c.scheduler().defaultTime()).isEqualTo(LocalTime.of(2, 0));
        assertThat(c.scheduler().defaultZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(c.scheduler().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.scheduler().heartbeat()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.scheduler().pollingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.scheduler().maxRetries()).isEqualTo(3);
        assertThat(c.scheduler().retryBase()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.scheduler().checkTime()).isEqualTo(LocalTime.of(12, 0));
        assertThat(c.api().port()).isEqualTo(8080);
        assertThat(c.api().publicUrl()).isEmpty();
        assertThat(c.api().signingSecret()).isEmpty();
        assertThat(c.api().urlTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.api().onDemandMinInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(c.api().metricsToken()).isEmpty();
        assertThat(c.api().portalSessionIdle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.api().auditRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(c.webhooks().threads()).isEqualTo(4);
        assertThat(c.webhooks().maxRetries()).isEqualTo(8);
        assertThat(c.webhooks().retryBase()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.webhooks().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.delivery().secrets()).isEmpty();
        assertThat(c.delivery().privateNetworks()).isFalse();
        assertThat(c.delivery().maxRetries()).isEqualTo(8);
    }

    @Test
    void aSecretsKeyMustBeThirtyTwoBytes() {
        assertThatThrownBy(() -> config("DATADUMP_SECRETS_KEY", "too-short"))
                .hasMessage("DATADUMP_SECRETS_KEY must be 32 random bytes as base64 or hex (e.g. `openssl rand -base64"
                        + " 32`)");
        assertThat(config("DATADUMP_SECRETS_KEY", "ab".repeat(32)).delivery().secrets())
                .isPresent();
        assertThat(config("DATADUMP_SECRETS_KEY", "ab".repeat(32)).toString()).doesNotContain("abab");
    }

    /**
     * Every variable any configuration reads has a non-default value in one of the two full mappings (S3 storage, file
     * storage), and every one of them changes the settings when it is left out, as airlift's assertFullMapping holds a
     * config class to its properties: a new variable without a test, or one that is read but has no effect, fails.
     */
    @Test
    void everyVariableIsMappedAndEachChangesTheSettings() throws Exception {
        Map<String, String> s3 = fullMapping();
        s3.put("DATADUMP_CATALOG", Files.createTempDirectory("catalog").toString()); // must exist
        Map<String, String> file = new HashMap<>(s3);
        file.keySet().removeIf(k -> k.startsWith("DATADUMP_S3_"));
        file.put("DATADUMP_STORAGE", "file:/srv/dumps");
        file.put("DATADUMP_FILE_DELTAS", "true");
        file.put("DATADUMP_FILE_DELTA_MIN_KB", "64");
        Set<String> read = new TreeSet<>();
        for (Map<String, String> env : List.of(Map.<String, String>of(), s3, file))
            read.addAll(Config.variablesRead(env));
        read.remove("DATADUMP_RETENTION"); // the older name of _DAILY: everyVariableIsRead sets it alone
        Set<String> mapped = new TreeSet<>(s3.keySet());
        mapped.addAll(file.keySet());
        assertThat(mapped)
                .as("every variable that is read is in a full mapping")
                .containsAll(read);
        assertThat(read).as("every variable of the mappings is read").containsAll(mapped);
        for (Map<String, String> env : List.of(s3, file)) {
            List<Object> full = settings(Config.fromMap(env));
            for (String variable : env.keySet()) {
                // true is their default; the off switches below
                if (variable.equals("DATADUMP_FILE_DELTAS") || variable.equals("DATADUMP_S3_DELTAS")) continue;
                Map<String, String> without = new HashMap<>(env);
                without.remove(variable);
                assertThat(settings(Config.fromMap(without)))
                        .as(variable + " changes the settings")
                        .isNotEqualTo(full);
            }
        }
        Map<String, String> noDeltas = new HashMap<>(file);
        noDeltas.put("DATADUMP_FILE_DELTAS", "false");
        assertThat(settings(Config.fromMap(noDeltas))).isNotEqualTo(settings(Config.fromMap(file)));
        Map<String, String> noS3Deltas = new HashMap<>(s3);
        noS3Deltas.put("DATADUMP_S3_DELTAS", "false");
        assertThat(((StorageSettings.S3) Config.fromMap(noS3Deltas).storage()).deltaMinBytes())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theOlderNameOfTheDailyRetentionStillWorks() {
        assertThat(config("DATADUMP_RETENTION", "14").dump().retention()).isEqualTo(new RetentionPolicy(14, 4, 3));
    }

    /** A configuration's settings without the raw variables (which differ whenever the map does). */
    private static List<Object> settings(Config c) throws Exception {
        List<Object> values = new ArrayList<>();
        for (RecordComponent rc : Config.class.getRecordComponents())
            if (!rc.getName().equals("variables")) values.add(rc.getAccessor().invoke(c));
        return values;
    }

    /** Every variable with a value other than its default, on S3 storage. */
    private static Map<String, String> fullMapping() {
        String[] pairs = {
            "DATADUMP_HOME", "/srv/dd",
            "DATADUMP_DB_URL", "jdbc:postgresql://db.internal:5433/crm?sslmode=require",
            "DATADUMP_DB_USER", "dd",
            "DATADUMP_DB_PASSWORD", "pw",
            "DATADUMP_DB_CONNECT_TIMEOUT_SECONDS", "9",
            "DATADUMP_EMBEDDED_DB_PORT", "55432",
            "DATADUMP_DB_SOCKET_TIMEOUT_SECONDS", "99",
            "DATADUMP_SOURCE_URL", "jdbc:postgresql://replica.internal:5432/crm",
            "DATADUMP_SOURCE_USER", "reader",
            "DATADUMP_SOURCE_PASSWORD", "rpw",
            "DATADUMP_STORAGE", "s3://dumps-bucket/tenants",
            "DATADUMP_S3_ENDPOINT", "http://127.0.0.1:9000",
            "DATADUMP_S3_REGION", "eu-central-1",
            "DATADUMP_S3_ACCESS_KEY", "ak",
            "DATADUMP_S3_SECRET_KEY", "sk",
            "DATADUMP_S3_PATH_STYLE", "yes",
            "DATADUMP_S3_DELTAS", "true",
            "DATADUMP_S3_DELTA_MIN_KB", "2048",
            "DATADUMP_GZIP", "on",
            "DATADUMP_GZIP_LEVEL", "6",
            "DATADUMP_GZIP_ENGINE", "Zlib",
            "DATADUMP_RETENTION_DAILY", "14",
            "DATADUMP_RETENTION_WEEKLY", "5",
            "DATADUMP_RETENTION_MONTHLY", "12",
            "DATADUMP_DUMP_PARALLELISM", "3",
            "DATADUMP_DUMP_TIME", "03:30",
            "DATADUMP_TIME_ZONE", "Europe/Vienna",
            "DATADUMP_SCHEDULER_THREADS", "8",
            "DATADUMP_HEARTBEAT_SECONDS", "2",
            "DATADUMP_POLLING_MILLIS", "500",
            "DATADUMP_DUMP_RETRIES", "5",
            "DATADUMP_RETRY_BASE_SECONDS", "60",
            "DATADUMP_CHECK_TIME", "13:15",
            "DATADUMP_PORT", "9090",
            "DATADUMP_PUBLIC_URL", "https://dumps.example.com/",
            "DATADUMP_SIGNING_SECRET", "0123456789abcdef0123",
            "DATADUMP_URL_TTL_SECONDS", "120",
            "DATADUMP_ON_DEMAND_MIN_INTERVAL_SECONDS", "0",
            "DATADUMP_METRICS_TOKEN", "0123456789abcdef-metrics",
            "DATADUMP_PORTAL_SESSION_MINUTES", "45",
            "DATADUMP_AUDIT_DAYS", "30",
            "DATADUMP_WEBHOOK_THREADS", "3",
            "DATADUMP_WEBHOOK_RETRIES", "2",
            "DATADUMP_WEBHOOK_RETRY_BASE_SECONDS", "5",
            "DATADUMP_WEBHOOK_TIMEOUT_SECONDS", "7",
            "DATADUMP_DELIVERY_THREADS", "6",
            "DATADUMP_DELIVERY_RETRIES", "3",
            "DATADUMP_DELIVERY_RETRY_BASE_SECONDS", "9",
            "DATADUMP_DELIVERY_TIMEOUT_SECONDS", "11",
            "DATADUMP_DELIVERY_HEARTBEAT_SECONDS", "4",
            "DATADUMP_DELIVERY_PRIVATE_NETWORKS", "true",
            "DATADUMP_SECRETS_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "DATADUMP_API_KEY", "dd_0123456789abcdef0123456789abcdef",
            "DATADUMP_PRECOMPUTE_FORMATS", "parquet, XLSX,parquet",
        };
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) env.put(pairs[i], pairs[i + 1]);
        return env;
    }

    @Test
    void everyVariableIsRead() {
        Config c = Config.fromMap(fullMapping());
        assertThat(c.home()).isEqualTo(Path.of("/srv/dd"));
        assertThat(c.database().url()).hasValue("jdbc:postgresql://db.internal:5433/crm?sslmode=require");
        assertThat(c.database().user()).hasValue("dd");
        assertThat(c.database().password()).hasValue("pw");
        assertThat(c.storage())
                .isEqualTo(new StorageSettings.S3(
                        "dumps-bucket",
                        "tenants",
                        Optional.of("http://127.0.0.1:9000"),
                        "eu-central-1",
                        Optional.of("ak"),
                        Optional.of("sk"),
                        true,
                        8 << 20,
                        2048L << 10));
        assertThat(c.formats().precompute()).containsExactly(Format.PARQUET, Format.XLSX);
        assertThat(c.dump().gzip()).isTrue();
        assertThat(c.dump().gzipLevel()).isEqualTo(6);
        assertThat(c.dump().gzipEngine()).isEqualTo(GzipEngine.Choice.ZLIB);
        assertThat(c.dump().retention()).isEqualTo(new RetentionPolicy(14, 5, 12));
        assertThat(c.scheduler().defaultTime()).isEqualTo(LocalTime.of(3, 30));
        assertThat(c.scheduler().defaultZone()).isEqualTo(ZoneId.of("Europe/Vienna"));
        assertThat(c.scheduler().threads()).isEqualTo(8);
        assertThat(c.scheduler().heartbeat()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.scheduler().pollingInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.scheduler().maxRetries()).isEqualTo(5);
        assertThat(c.scheduler().retryBase()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.scheduler().checkTime()).isEqualTo(LocalTime.of(13, 15));
        assertThat(c.api().port()).isEqualTo(9090);
        assertThat(c.api().publicUrl()).hasValue("https://dumps.example.com");
        assertThat(c.api().signingSecret()).hasValue("0123456789abcdef0123");
        assertThat(c.api().urlTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.api().onDemandMinInterval()).isEqualTo(Duration.ZERO);
        assertThat(c.webhooks().threads()).isEqualTo(3);
        assertThat(c.webhooks().maxRetries()).isEqualTo(2);
        assertThat(c.webhooks().retryBase()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.webhooks().timeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.variables())
                .containsEntry("DATADUMP_GZIP", "on")
                .hasSize(fullMapping().size());
    }

    @ParameterizedTest
    @CsvSource({
        "true,true",
        "TRUE,true",
        "yes,true",
        "on,true",
        "1,true",
        "false,false",
        "No,false",
        "off,false",
        "0,false"
    })
    void oneRuleForEveryBoolean(String value, boolean expected) {
        assertThat(config("DATADUMP_GZIP", value).dump().gzip()).isEqualTo(expected);
        assertThat(((StorageSettings.S3) config("DATADUMP_STORAGE", "s3://bucket", "DATADUMP_S3_PATH_STYLE", value)
                                .storage())
                        .pathStyle())
                .isEqualTo(expected);
    }

    @Test
    void retentionTiersAndTheOlderDailyName() {
        assertThat(config("DATADUMP_RETENTION", "10").dump().retention()).isEqualTo(new RetentionPolicy(10, 4, 3));
        assertThat(config(
                                "DATADUMP_RETENTION",
                                "10",
                                "DATADUMP_RETENTION_DAILY",
                                "5",
                                "DATADUMP_RETENTION_WEEKLY",
                                "0",
                                "DATADUMP_RETENTION_MONTHLY",
                                "12")
                        .dump()
                        .retention())
                .isEqualTo(new RetentionPolicy(5, 0, 12));
    }

    @Test
    void fileDeltasHaveAThresholdAndCanBeTurnedOff() {
        assertThat(config("DATADUMP_FILE_DELTA_MIN_KB", "64").storage())
                .isEqualTo(new StorageSettings.Filesystem(
                        config().storage() instanceof StorageSettings.Filesystem fs ? fs.root() : null, 64 << 10));
        assertThat(((StorageSettings.Filesystem)
                                config("DATADUMP_FILE_DELTAS", "false").storage())
                        .deltaMinBytes())
                .isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> config("DATADUMP_FILE_DELTA_MIN_KB", "-1"))
                .hasMessageContaining("DATADUMP_FILE_DELTA_MIN_KB");
    }

    @Test
    void theGzipEngineIsAChoiceAndIsaLTakesOnlyItsOwnLevels() {
        assertThat(config("DATADUMP_GZIP_ENGINE", "isal").dump().gzipEngine()).isEqualTo(GzipEngine.Choice.ISAL);
        assertThat(config("DATADUMP_GZIP_ENGINE", "AUTO", "DATADUMP_GZIP_LEVEL", "9")
                        .dump()
                        .gzipLevel())
                .isEqualTo(9); // auto then means zlib
        assertThatThrownBy(() -> config("DATADUMP_GZIP_ENGINE", "isal", "DATADUMP_GZIP_LEVEL", "6"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("DATADUMP_GZIP_LEVEL must be from 1 to 3 with DATADUMP_GZIP_ENGINE=isal (ISA-L's levels),"
                        + " not 6; choose zlib or auto for higher levels");
    }

    @Test
    void blankCountsAsUnset() {
        assertThat(config("DATADUMP_PORT", "  ").api().port()).isEqualTo(8080);
        assertThat(config("DATADUMP_STORAGE", "file:/data/dumps").storage())
                .isEqualTo(new StorageSettings.Filesystem(Path.of("/data/dumps")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "DATADUMP_S3_PATH_STYLE | maybe | DATADUMP_S3_PATH_STYLE must be true or false (or yes/no, on/off, 1/0), not 'maybe'",
                "DATADUMP_GZIP | 2 | DATADUMP_GZIP must be true or false (or yes/no, on/off, 1/0), not '2'",
                "DATADUMP_GZIP_LEVEL | 10 | DATADUMP_GZIP_LEVEL must be from 1 to 9, not 10",
                "DATADUMP_GZIP_ENGINE | pigz | DATADUMP_GZIP_ENGINE must be one of auto, isal, zlib, not 'pigz'",
                "DATADUMP_PRECOMPUTE_FORMATS | parquet;xls | DATADUMP_PRECOMPUTE_FORMATS takes formats from json, ndjson, csv, csv-excel, parquet, xlsx, comma-separated, not 'parquet;xls'",
                "DATADUMP_PORT | 70000 | DATADUMP_PORT must be from 0 to 65535, not 70000",
                "DATADUMP_PORT | http | DATADUMP_PORT must be a whole number from 0 to 65535, not 'http'",
                "DATADUMP_PORT | 99999999999999999999 | DATADUMP_PORT must be a whole number from 0 to 65535, not '99999999999999999999'",
                "DATADUMP_RETENTION | 0 | DATADUMP_RETENTION must be from 1 to 10000, not 0",
                "DATADUMP_RETENTION_WEEKLY | -1 | DATADUMP_RETENTION_WEEKLY must be from 0 to 520, not -1",
                "DATADUMP_SCHEDULER_THREADS | -1 | DATADUMP_SCHEDULER_THREADS must be from 1 to 256, not -1",
                "DATADUMP_URL_TTL_SECONDS | 0 | DATADUMP_URL_TTL_SECONDS must be from 1 to 604800, not 0",
                "DATADUMP_DUMP_TIME | 25:00 | DATADUMP_DUMP_TIME must be a time like 02:00, not '25:00'",
                "DATADUMP_TIME_ZONE | Mars/Base | DATADUMP_TIME_ZONE must be a time zone like Europe/Berlin, not 'Mars/Base'",
                "DATADUMP_DB_URL | jdbc:postgresql:// | DATADUMP_DB_URL must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, not 'jdbc:postgresql://'",
                "DATADUMP_DB_URL | jdbc:mysql://h/db | DATADUMP_DB_URL must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, not 'jdbc:mysql://h/db'",
                "DATADUMP_DB_URL | jdbc:postgresql://h:5432/?password=hunter2 | DATADUMP_DB_URL must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, not 'jdbc:postgresql://h:5432/?password=***'",
                "DATADUMP_DB_URL | jdbc:postgresql://h:99999/db | DATADUMP_DB_URL names port 99999; a port is 1 to 65535",
                "DATADUMP_DB_URL | jdbc:postgresql://h:0/db | DATADUMP_DB_URL names port 0; a port is 1 to 65535",
                "DATADUMP_SOURCE_URL | postgres://crm:SECRET@h/db | DATADUMP_SOURCE_URL must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, not 'postgres://crm:***@h/db'",
                "DATADUMP_AUDIT_DAYS | 0 | DATADUMP_AUDIT_DAYS must be from 1 to 3650, not 0",
                "DATADUMP_PORTAL_SESSION_MINUTES | never | DATADUMP_PORTAL_SESSION_MINUTES must be a whole number from 1 to 10080, not 'never'",
                "DATADUMP_METRICS_TOKEN | short | DATADUMP_METRICS_TOKEN must be at least 16 characters long",
                "DATADUMP_SOURCE_URL | postgres://crm/db | DATADUMP_SOURCE_URL must be a PostgreSQL JDBC URL like jdbc:postgresql://host:5432/database, not 'postgres://crm/db'",
                "DATADUMP_CATALOG | /no/such/catalog | DATADUMP_CATALOG must be an existing directory, not '/no/such/catalog'",
                "DATADUMP_STORAGE | file: | DATADUMP_STORAGE must name a directory after 'file:' (e.g. file:/var/lib/datadump), not 'file:'",
                "DATADUMP_STORAGE | ftp://x | DATADUMP_STORAGE must be file:<directory> or s3://<bucket>/<prefix>, not 'ftp://x'",
                "DATADUMP_STORAGE | s3:///prefix | DATADUMP_STORAGE must be s3://<bucket>/<prefix> with a valid bucket name (3-63 lower-case letters, digits, dots and dashes), not 's3:///prefix'",
                "DATADUMP_PUBLIC_URL | dumps.example.com | DATADUMP_PUBLIC_URL must be an absolute http(s) URL like https://host[:port][/path], not 'dumps.example.com'",
                "DATADUMP_PUBLIC_URL | https://x.example/?a=b | DATADUMP_PUBLIC_URL must be an absolute http(s) URL like https://host[:port][/path], not 'https://x.example/?a=b'",
                "DATADUMP_SIGNING_SECRET | short | DATADUMP_SIGNING_SECRET must be at least 16 characters long",
                "DATADUMP_WEBHOOK_TIMEOUT_SECONDS | 0 | DATADUMP_WEBHOOK_TIMEOUT_SECONDS must be from 1 to 300, not 0",
            })
    void aBadValueStopsWithOneSentenceNamingVariableValueAndWhatIsAllowed(String name, String value, String message) {
        Map<String, String> env = new HashMap<>(Map.of(name, value));
        if (name.startsWith("DATADUMP_S3_")) env.put("DATADUMP_STORAGE", "s3://bucket/p");
        assertThatThrownBy(() -> Config.fromMap(env))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void theSourceAndItsCatalogAreRead(@TempDir Path catalog) {
        Config c = config(
                "DATADUMP_SOURCE_URL", "jdbc:postgresql://crm-replica:5432/crm",
                "DATADUMP_SOURCE_USER", "datadump_reader",
                "DATADUMP_SOURCE_PASSWORD", "reader-pw",
                "DATADUMP_CATALOG", catalog.toString());
        assertThat(c.source().url()).hasValue("jdbc:postgresql://crm-replica:5432/crm");
        assertThat(c.source().external()).isTrue();
        assertThat(c.source().user()).hasValue("datadump_reader");
        assertThat(c.source().password()).hasValue("reader-pw");
        assertThat(c.source().catalog()).hasValue(catalog.toAbsolutePath().normalize());
        assertThat(c.toString()).doesNotContain("reader-pw");
    }

    @Test
    void secretsNeverAppearInToString() {
        String text = config(
                        "DATADUMP_DB_URL", "jdbc:postgresql://h/db?password=pw1",
                        "DATADUMP_DB_PASSWORD", "pw2",
                        "DATADUMP_SIGNING_SECRET", "signing-secret-0123456789",
                        "DATADUMP_STORAGE", "s3://bucket/p",
                        "DATADUMP_S3_SECRET_KEY", "s3-secret")
                .toString();
        assertThat(text).doesNotContain("pw1", "pw2", "signing-secret", "s3-secret");
    }

    @Test
    void jdbcUrlsWithIpv6HostsAndSeveralHostsAreAccepted() {
        for (String url : List.of(
                "jdbc:postgresql://[::1]:5432/crm",
                "jdbc:postgresql://db1:5432,db2:5433/crm?targetServerType=primary",
                "jdbc:postgresql://db/crm")) {
            assertThat(Config.fromMap(Map.of("DATADUMP_DB_URL", url)).database().url())
                    .hasValue(url);
        }
    }
}
