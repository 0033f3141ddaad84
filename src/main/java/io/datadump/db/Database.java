package io.datadump.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The PostgreSQL that holds the CRM data and datadump's own tables: embedded by default, or any via JDBC URL. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final EmbeddedPostgresServer embedded; // null for an external database
    private final String description;

    private Database(HikariDataSource dataSource, EmbeddedPostgresServer embedded, String description) {
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.description = description;
    }

    public static Database open(DatabaseSettings settings, int poolSize) {
        if (settings.url().isPresent()) {
            String url = settings.url().get();
            return connect(
                    settings,
                    url,
                    settings.user().orElse(null),
                    settings.password().orElse(null),
                    poolSize,
                    null,
                    "PostgreSQL at " + url.replaceAll("\\?.*", ""));
        }
        Path home = settings.embeddedHome();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(home);
        try {
            return connect(
                    settings,
                    server.jdbcUrl(),
                    server.user(),
                    null,
                    poolSize,
                    server,
                    "embedded PostgreSQL on port " + server.port()
                            + (server.startedHere() ? "" : " (shared with another datadump process)") + ", data in "
                            + home.resolve("postgres"));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Database connect(
            DatabaseSettings settings,
            String url,
            String user,
            String password,
            int poolSize,
            EmbeddedPostgresServer embedded,
            String description) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        if (user != null) hc.setUsername(user);
        if (password != null) hc.setPassword(password);
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(1);
        hc.setPoolName("datadump");
        // Bounded waits everywhere: a stalled network fails a request or a dump in seconds, never hangs it.
        hc.setConnectionTimeout(settings.connectTimeout().toMillis()); // waiting for a pooled connection
        hc.setValidationTimeout(Math.min(2_000, settings.connectTimeout().toMillis()));
        hc.setInitializationFailTimeout(30_000);
        hc.addDataSourceProperty(
                "connectTimeout", Long.toString(settings.connectTimeout().toSeconds()));
        hc.addDataSourceProperty(
                "loginTimeout", Long.toString(settings.connectTimeout().toSeconds()));
        // no read waits longer: a dump's COPY streams continuously, so only a stalled server or network trips it
        hc.addDataSourceProperty(
                "socketTimeout", Long.toString(settings.socketTimeout().toSeconds()));
        hc.addDataSourceProperty("tcpKeepAlive", "true");
        // the server drops a vanished client (and with it the account's dump lock) within about a minute
        hc.addDataSourceProperty(
                "options", "-c tcp_keepalives_idle=30 -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3");
        hc.addDataSourceProperty("ApplicationName", "datadump");
        hc.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new Database(new HikariDataSource(hc), embedded, description);
    }

    /** Applies pending Flyway migrations; safe to call from several processes at once. */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public String description() {
        return description;
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded != null) embedded.close();
    }
}
