package io.datadump.support;

import io.datadump.App;
import io.datadump.config.Config;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL for the test JVM, and a fresh database in it for each test that asks.
 * With DATADUMP_TEST_DB_URL set (CI sets it to a Debian PostgreSQL server), that server is used instead
 * of the embedded one, so the external-database path runs the same tests.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    private static String adminUrlBase; // jdbc:postgresql://host:port/
    private static String user = "postgres";
    private static String password;
    private static EmbeddedPostgres embedded;

    private TestDatabases() {}

    private static synchronized void init() {
        if (adminUrlBase != null) return;
        String external = System.getenv("DATADUMP_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            adminUrlBase = external.substring(0, external.lastIndexOf('/') + 1);
            user = System.getenv().getOrDefault("DATADUMP_TEST_DB_USER", "postgres");
            password = System.getenv("DATADUMP_TEST_DB_PASSWORD");
            return;
        }
        try {
            embedded = EmbeddedPostgres.builder().start();
            adminUrlBase = "jdbc:postgresql://localhost:" + embedded.getPort() + "/";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean external() {
        init();
        return embedded == null;
    }

    /** A database's JDBC URL with the test server's user and password in it, as a client command takes it. */
    public static String withCredentials(String url) {
        init();
        return url + "?user=" + user + (password == null ? "" : "&password=" + password);
    }

    /** A connection to the database at {@code url} as the test server's user. */
    public static Connection connect(String url) throws SQLException {
        init();
        return DriverManager.getConnection(url, user, password);
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String createDatabase() {
        init();
        String name = "t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        CREATED.add(adminUrlBase + name);
        try (Connection c = DriverManager.getConnection(adminUrlBase + "postgres", user, password)) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return adminUrlBase + name;
    }

    /**
     * At the end of a test run: drops the databases it made on an external server (one per test, or the server's disk
     * fills over runs) and stops the embedded server, whose data goes with the run's temporary folder.
     */
    static synchronized void cleanUp() {
        if (adminUrlBase == null) return;
        if (embedded == null) {
            for (String url : CREATED) {
                try {
                    dropDatabase(url);
                } catch (RuntimeException e) {
                    // still in use by a process a test left running: the next run's clean-up gets it
                }
            }
        } else {
            try {
                embedded.close();
            } catch (IOException e) {
                // its folder is deleted next
            }
        }
        CREATED.clear();
    }

    /** Drops the database at {@code url}, closing what is still connected to it: tests that make many clean up. */
    public static void dropDatabase(String url) {
        init();
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = DriverManager.getConnection(adminUrlBase + "postgres", user, password)) {
            c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a test's directory and all in it; a file already gone is fine. */
    public static void deleteDirectory(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs SQL as the server's superuser on the database at {@code url}. */
    public static void execute(String url, String sql) {
        init();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A login role that may only read the tables of {@code schema} (USAGE and SELECT, also on tables created there
     * later by the superuser): how an operator gives datadump its source. Returns the role's password.
     */
    public static String selectOnlyRole(String url, String role, String schema) {
        String rolePassword = "read-" + role;
        execute(
                url,
                "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
                        + role + " LOGIN PASSWORD '" + rolePassword + "'; END IF; END $$;"
                        + "CREATE SCHEMA IF NOT EXISTS " + schema + ";"
                        + "GRANT USAGE ON SCHEMA " + schema + " TO " + role + ";"
                        + "GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + role + ";"
                        + "ALTER DEFAULT PRIVILEGES FOR ROLE " + user + " IN SCHEMA " + schema
                        + " GRANT SELECT ON TABLES TO " + role + ";");
        return rolePassword;
    }

    /**
     * The settings of an installation on the database at {@code url}. With DATADUMP_TEST_SOURCE_ROLE=select-only
     * (CI's second run sets it), the built-in CRM is read through a role that may only SELECT from schema crm, so
     * every dump test also proves that nothing datadump does to its source needs more.
     */
    public static Map<String, String> env(Path home, String url) {
        Map<String, String> env = new HashMap<>();
        env.put("DATADUMP_HOME", home.toString());
        env.put("DATADUMP_DB_URL", url);
        env.put("DATADUMP_DB_USER", user);
        if (password != null) env.put("DATADUMP_DB_PASSWORD", password);
        if ("select-only".equals(System.getenv("DATADUMP_TEST_SOURCE_ROLE"))) {
            env.put("DATADUMP_SOURCE_USER", "datadump_reader");
            env.put("DATADUMP_SOURCE_PASSWORD", selectOnlyRole(url, "datadump_reader", "crm"));
        }
        env.put("DATADUMP_SCHEDULER_THREADS", "2");
        return env;
    }

    /**
     * The settings of an installation on the database at {@code url} that reads the built-in CRM as the service
     * database's own role (the owner of the CRM tables), whatever DATADUMP_TEST_SOURCE_ROLE says. Modifiable.
     */
    public static Map<String, String> ownerEnv(Path home, String url) {
        Map<String, String> env = env(home, url);
        env.remove("DATADUMP_SOURCE_USER");
        env.remove("DATADUMP_SOURCE_PASSWORD");
        return env;
    }

    /** An App on a fresh database, with storage in a fresh directory; extra settings override. */
    public static App freshApp(Map<String, String> extra) {
        try {
            Path home = Files.createTempDirectory("datadump-test");
            Map<String, String> env = env(home, createDatabase());
            env.putAll(extra);
            return App.open(Config.fromMap(env));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static App freshApp() {
        return freshApp(Map.of());
    }
}
