package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * A dump read from a real streaming hot standby (CI makes one with scripts/standby.sh and sets
 * DATADUMP_TEST_STANDBY_URL to it) while the primary keeps committing: the read-only REPEATABLE READ transaction works
 * on the standby, and the files are one consistent moment of it.
 */
@EnabledIfEnvironmentVariable(named = "DATADUMP_TEST_STANDBY_URL", matches = "jdbc:postgresql://.+/")
class StandbyDumpTest {
    @Test
    void aDumpFromAStandbyIsConsistentWhileThePrimaryWrites() throws Exception {
        String primaryUrl = TestDatabases.createDatabase();
        String database = primaryUrl.substring(primaryUrl.lastIndexOf('/') + 1);
        String standbyUrl = System.getenv("DATADUMP_TEST_STANDBY_URL") + database;
        String readerPassword = TestDatabases.selectOnlyRole(primaryUrl, "standby_reader", "crm");

        Map<String, String> primaryEnv = TestDatabases.env(Files.createTempDirectory("primary"), primaryUrl);
        try (App crm = App.open(Config.fromMap(primaryEnv))) {
            long account = crm.accounts().create("Replika GmbH", false).id();
            crm.generator().generate(account, GenerationPlan.forScale(1), 3, DemoDataGenerator.Progress.NONE);
            long contacts = count(crm.builtInCrm().dataSource().getConnection(), account);

            // datadump's own state elsewhere; its source is the standby, read as a SELECT-only role
            Map<String, String> env = new HashMap<>(
                    TestDatabases.env(Files.createTempDirectory("standby"), TestDatabases.createDatabase()));
            env.put("DATADUMP_SOURCE_URL", standbyUrl);
            env.put("DATADUMP_SOURCE_USER", "standby_reader");
            env.put("DATADUMP_SOURCE_PASSWORD", readerPassword);
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) { // the standby replays the primary's data
                try (Connection c = DriverManager.getConnection(standbyUrl, "standby_reader", readerPassword)) {
                    if (count(c, account) == contacts) break;
                } catch (Exception notYet) {
                    // the database itself may not have been replayed yet
                }
                assertThat(System.currentTimeMillis()).as("standby catches up").isLessThan(deadline);
                Thread.sleep(200);
            }

            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong commits = new AtomicLong();
            Thread writer = new Thread(() -> {
                // each transaction adds a contact and a note about it: a consistent dump has both or neither
                try (Connection c = crm.builtInCrm().dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    while (writing.get()) {
                        try (var st = c.createStatement()) {
                            st.execute(
                                    "WITH k AS (INSERT INTO contacts (account_id, first_name, created_at, updated_at)"
                                            + " VALUES (" + account + ", 'Live', now(), now()) RETURNING id)"
                                            + " INSERT INTO notes (account_id, note_type_id, title, client_ids, created_at,"
                                            + " updated_at) SELECT " + account
                                            + ", 1, 'Live', ARRAY[k.id], now(), now() FROM k");
                        }
                        c.commit();
                        commits.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            try (App dumper = App.open(Config.fromMap(env))) {
                assertThat(dumper.source()
                                .queryFirst("SELECT pg_is_in_recovery()", rs -> rs.getBoolean(1))
                                .orElseThrow())
                        .as("the source is the standby")
                        .isTrue();
                dumper.checkCatalog();
                dumper.accounts().setDatadumpEnabled(account, true);
                while (commits.get() < 20) Thread.sleep(10);
                long before = commits.get();
                DumpResult result = dumper.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
                assertThat(commits.get())
                        .as("the primary kept writing during the dump")
                        .isGreaterThan(before);

                Path dir = ((FileStorage) dumper.storage())
                        .root()
                        .resolve(result.run().storagePrefix());
                ObjectMapper json = new ObjectMapper();
                Set<Long> contactIds = new HashSet<>(), live = new HashSet<>();
                for (JsonNode c : json.readTree(dir.resolve("contacts.json").toFile())) {
                    contactIds.add(c.get("id").asLong());
                    if ("Live".equals(c.get("first_name").asText()))
                        live.add(c.get("id").asLong());
                }
                Set<Long> noted = new HashSet<>();
                for (JsonNode n : json.readTree(dir.resolve("notes.json").toFile())) {
                    for (JsonNode id : n.get("client_ids")) {
                        assertThat(contactIds)
                                .as("note %s refers to a dumped contact", n.get("id"))
                                .contains(id.asLong());
                    }
                    if ("Live".equals(n.get("title").asText()))
                        noted.add(n.get("client_ids").get(0).asLong());
                }
                assertThat(live).isNotEmpty();
                assertThat(noted).isEqualTo(live);
            } finally {
                writing.set(false);
                writer.join();
            }
        }
    }

    private static long count(Connection c, long account) throws Exception {
        try (c;
                var ps = c.prepareStatement("SELECT count(*) FROM crm.contacts WHERE account_id = ?")) {
            ps.setLong(1, account);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
