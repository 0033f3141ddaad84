package io.datadump.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The two databases datadump talks to, each through a pool of its own:
 *
 * <ul>
 *   <li>the <b>service</b> database holds datadump's own state in schema {@code datadump}: embedded by default, or any
 *       PostgreSQL via JDBC URL;
 *   <li>the <b>source</b> is what is dumped: an operator's CRM database (possibly a hot standby), or by default the
 *       built-in demo CRM in schema {@code crm} of the service database. Its connections are read-only sessions
 *       ({@code default_transaction_read_only}), with the catalog's search path.
 * </ul>
 *
 * For the built-in CRM only, a third, small pool writes demo data and custom field definitions into schema {@code crm}.
 */
public final class Database implements AutoCloseable {
    /** Where and as whom to connect. */
    private record Target(String url, String user, String password, String description) {}

    private final HikariDataSource service;
    private final HikariDataSource source;
    private final boolean builtInSource;
    private final EmbeddedPostgresServer embedded; // null for an external database
    private final String description;
    private final HikariDataSource crmWriter; // null unless the source is the built-in CRM

    private Database(
            HikariDataSource service,
            HikariDataSource source,
            HikariDataSource crmWriter,
            EmbeddedPostgresServer embedded,
            String description) {
        this.service = service;
        this.source = source;
        this.crmWriter = crmWriter;
        this.builtInSource = crmWriter != null;
        this.embedded = embedded;
        this.description = description;
    }

    /**
     * Opens both pools (starting or attaching to the embedded server when no service URL is set). {@code searchPath}
     * is the catalog's schema search path on the source, if it names one.
     */
    public static Database open(
            DatabaseSettings settings,
            SourceSettings sourceSettings,
            Optional<String> searchPath,
            int servicePoolSize,
            int sourcePoolSize) {
        EmbeddedPostgresServer server = null;
        Target serviceTarget;
        if (settings.url().isPresent()) {
            String url = settings.url().get();
            serviceTarget = new Target(
                    url,
                    settings.user().orElse(null),
                    settings.password().orElse(null),
                    "PostgreSQL at " + withoutParameters(url));
        } else {
            Path home = settings.embeddedHome();
            server = EmbeddedPostgresServer.startOrAttach(home, settings.embeddedPort());
            serviceTarget = new Target(
                    server.jdbcUrl(),
                    server.user(),
                    null,
                    "embedded PostgreSQL on port " + server.port()
                            + (server.startedHere() ? "" : " (shared with another datadump process)") + ", data in "
                            + home.resolve("postgres"));
        }
        Target sourceTarget = new Target(
                sourceSettings.url().orElse(serviceTarget.url()),
                sourceSettings.user().orElse(serviceTarget.user()),
                sourceSettings.user().isPresent()
                        ? sourceSettings.password().orElse(null)
                        : sourceSettings.url().isPresent() ? null : serviceTarget.password(),
                sourceSettings
                        .url()
                        .map(u -> "PostgreSQL at " + withoutParameters(u))
                        .orElse("built-in CRM"));
        List<HikariDataSource> opened = new ArrayList<>();
        try {
            HikariDataSource service =
                    pool(settings, serviceTarget, "datadump", servicePoolSize, Migrations.SERVICE_SCHEMA, false);
            opened.add(service);
            HikariDataSource source =
                    pool(settings, sourceTarget, "datadump-source", sourcePoolSize, searchPath.orElse(null), true);
            opened.add(source);
            HikariDataSource crmWriter = sourceSettings.external()
                    ? null
                    : pool(settings, serviceTarget, "datadump-crm", 4, Migrations.CRM_SCHEMA, false);
            String description = serviceTarget.description()
                    + (sourceSettings.external() ? "; source: " + sourceTarget.description() : "");
            return new Database(service, source, crmWriter, server, description);
        } catch (RuntimeException e) {
            opened.forEach(HikariDataSource::close);
            if (server != null) server.close();
            throw e;
        }
    }

    private static HikariDataSource pool(
            DatabaseSettings settings, Target target, String name, int size, String schema, boolean readOnly) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(target.url());
        if (target.user() != null) hc.setUsername(target.user());
        if (target.password() != null) hc.setPassword(target.password());
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(0);
        hc.setPoolName(name);
        hc.setReadOnly(readOnly);
        if (schema != null) hc.addDataSourceProperty("currentSchema", schema);
        // Bounded waits everywhere: a stalled network fails a request or a dump in seconds, never hangs it.
        hc.setConnectionTimeout(settings.connectTimeout().toMillis()); // waiting for a pooled connection
        hc.setValidationTimeout(Math.min(2_000, settings.connectTimeout().toMillis()));
        // a database that is down or stalled at start fails it within the connect timeout, not Hikari's 30 s
        hc.setInitializationFailTimeout(settings.connectTimeout().toMillis());
        hc.addDataSourceProperty(
                "connectTimeout", Long.toString(settings.connectTimeout().toSeconds()));
        hc.addDataSourceProperty(
                "loginTimeout", Long.toString(settings.connectTimeout().toSeconds()));
        // no read waits longer: a dump's COPY streams continuously, so only a stalled server or network trips it
        hc.addDataSourceProperty(
                "socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        // The server drops a vanished client (and with it the account's dump lock) within about a minute. A source
        // session is read-only as a whole, so not even a statement outside the dump's READ ONLY transaction can write.
        hc.addDataSourceProperty(
                "options",
                "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3"
                        + (readOnly ? " -c default_transaction_read_only=on" : ""));
        hc.addDataSourceProperty("ApplicationName", name);
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(hc);
    }

    private static String withoutParameters(String url) {
        return url.replaceAll("\\?.*", "");
    }

    /** Applies pending migrations of datadump's own schema, and of the built-in CRM's where that is the source. */
    public void migrate() {
        Migrations.migrateService(service);
        if (builtInSource) Migrations.migrateBuiltInCrm(service);
    }

    /** datadump's own state (schema datadump). */
    public DataSource dataSource() {
        return service;
    }

    public Connection connection() throws SQLException {
        return service.getConnection();
    }

    /** The dumped database: read-only sessions. */
    public DataSource source() {
        return source;
    }

    /** True when the source is the built-in demo CRM, which datadump itself may fill. */
    public boolean builtInSource() {
        return builtInSource;
    }

    /**
     * Writable connections into the built-in CRM's schema, for demo data and custom field definitions; refused when
     * the source is an operator's database, which datadump never writes to.
     */
    public DataSource builtInCrm() {
        if (crmWriter == null) {
            throw new IllegalStateException("the source is an operator's database (DATADUMP_SOURCE_URL), which datadump"
                    + " never writes to; demo data and custom fields can only be made in the built-in CRM");
        }
        return crmWriter;
    }

    /** Publishes the pools' metrics (connections in use, waits, timeouts) to the registry. */
    public void bindMetrics(Object meterRegistry) {
        service.setMetricRegistry(meterRegistry);
        source.setMetricRegistry(meterRegistry);
        if (crmWriter != null) crmWriter.setMetricRegistry(meterRegistry);
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (crmWriter != null) crmWriter.close();
        source.close();
        service.close();
        if (embedded != null) embedded.close();
    }
}
