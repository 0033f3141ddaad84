package io.datadump.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The two Flyway histories: datadump's own state in schema {@code datadump} ({@code db/service}), and the built-in
 * demo CRM in schema {@code crm} ({@code db/crm}), which only exists where datadump dumps its own CRM. An installation
 * made with the earlier single-schema migrations ({@code db/legacy}, everything in {@code public}) is first completed
 * to their last version and then moved into the two schemas in one transaction ({@code db/legacy-upgrade.sql}), after
 * which both histories start at version 1, which is exactly that state. Safe to run from several processes at once.
 */
public final class Migrations {
    public static final String SERVICE_SCHEMA = "datadump";
    public static final String CRM_SCHEMA = "crm";
    /** Any constant; serializes the legacy upgrade across processes. */
    private static final long UPGRADE_LOCK = 0x64_61_74_61_64_75_6dL;

    private Migrations() {}

    /** Brings datadump's own schema up to date (upgrading a single-schema installation first). */
    public static void migrateService(DataSource dataSource) {
        upgradeLegacyLayout(dataSource);
        migrate(dataSource, SERVICE_SCHEMA, "db/service");
    }

    /** Brings the built-in demo CRM's schema up to date; never called for an operator's database. */
    public static void migrateBuiltInCrm(DataSource dataSource) {
        upgradeLegacyLayout(dataSource);
        migrate(dataSource, CRM_SCHEMA, "db/crm");
    }

    /**
     * Runs Flyway unless the schema's history already holds every script of the jar, each applied successfully: then
     * there is nothing to do, and starting Flyway to find that out (400 classes, its own scan) cost 0.3 s of every CLI
     * command's start. Anything else (a new script, a failed one, a baseline, no history) goes to Flyway.
     */
    private static void migrate(DataSource dataSource, String schema, String location) {
        if (MigrationScripts.upToDate(dataSource, schema, location)) return;
        flyway(dataSource, schema, "classpath:" + location).migrate();
    }

    private static Flyway flyway(DataSource dataSource, String schema, String location) {
        return Flyway.configure()
                // a schema filled by the legacy upgrade has no history yet: it is version 1 as it stands
                .baselineOnMigrate(wasUpgraded(dataSource))
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations(location)
                .baselineVersion("1")
                .baselineDescription("upgraded from the single-schema layout")
                .load();
    }

    private static void upgradeLegacyLayout(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            Handle h = Handle.on(c);
            if (!isLegacyLayout(h)) return;
            // first finish the old chain, so the move below always starts from its last version
            Flyway.configure()
                    .dataSource(dataSource)
                    .schemas("public")
                    .defaultSchema("public")
                    .locations("classpath:db/legacy")
                    .load()
                    .migrate();
            c.setAutoCommit(false);
            try {
                h.queryFirst("SELECT pg_advisory_xact_lock(?)", rs -> true, UPGRADE_LOCK);
                if (isLegacyLayout(h)) { // another process may have moved it while this one waited
                    h.execute(resource("db/legacy-upgrade.sql"));
                }
                c.commit();
            } catch (RuntimeException | SQLException e) {
                h.rollbackQuietly();
                throw e;
            } finally {
                h.endTransactionQuietly();
            }
        } catch (SQLException e) {
            throw DataAccessException.of("upgrading the single-schema layout failed", e);
        }
    }

    private static boolean wasUpgraded(DataSource dataSource) {
        return new Jdbc(dataSource)
                .queryFirst(
                        "SELECT to_regclass('" + SERVICE_SCHEMA + ".legacy_flyway_schema_history') IS NOT NULL",
                        rs -> rs.getBoolean(1))
                .orElse(false);
    }

    /** True for a database whose public.flyway_schema_history is the single-schema chain's (it began with the CRM). */
    private static boolean isLegacyLayout(Handle h) {
        boolean hasHistory = h.queryFirst(
                        "SELECT to_regclass('public.flyway_schema_history') IS NOT NULL", rs -> rs.getBoolean(1))
                .orElse(false);
        if (!hasHistory) return false;
        return h.queryFirst(
                        "SELECT count(*) FROM public.flyway_schema_history WHERE version = '2'"
                                + " AND description = 'datadump service'",
                        rs -> rs.getLong(1) > 0)
                .orElse(false);
    }

    private static String resource(String path) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
