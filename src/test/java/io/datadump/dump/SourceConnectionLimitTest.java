package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A source that refuses the extra connections of a parallel dump (its role's CONNECTION LIMIT, or max_connections
 * reached by many nodes) still gets every dump, read on the connections it allows, and the dump does not wait for the
 * readers that never got one.
 */
class SourceConnectionLimitTest {
    @Test
    void aRoleAllowedOneConnectionIsDumpedInFullOnIt() throws Exception {
        String url = TestDatabases.createDatabase();
        Map<String, String> owner = TestDatabases.ownerEnv(Files.createTempDirectory("owner"), url);
        owner.put("DATADUMP_DUMP_PARALLELISM", "1");
        long account;
        Map<String, String> onOneConnection;
        try (App app = App.open(Config.fromMap(owner))) {
            account = app.accounts().create("Limit GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 31, DemoDataGenerator.Progress.NONE);
            onOneConnection = hashes(app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE));
        }
        String password = TestDatabases.selectOnlyRole(url, "crm_one_connection", "crm");
        TestDatabases.execute(url, "ALTER ROLE crm_one_connection CONNECTION LIMIT 1");
        Map<String, String> limited = new HashMap<>(owner);
        limited.put("DATADUMP_HOME", Files.createTempDirectory("limited").toString());
        limited.put("DATADUMP_SOURCE_USER", "crm_one_connection");
        limited.put("DATADUMP_SOURCE_PASSWORD", password);
        limited.put("DATADUMP_DUMP_PARALLELISM", "4");
        limited.put("DATADUMP_DB_CONNECT_TIMEOUT_SECONDS", "5");
        try (App app = App.open(Config.fromMap(limited))) {
            long started = System.nanoTime();
            DumpResult r = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(r.manifest().tables()).hasSize(26);
            assertThat(hashes(r)).isEqualTo(onOneConnection);
            assertThat(r.readers()).as("connections that read").isEqualTo(1);
            // the refused readers wait for a connection up to the 5 s connect timeout: the dump does not wait for them
            assertThat(millis).isLessThan(4_000);
        }
    }

    private static Map<String, String> hashes(DumpResult r) {
        return r.manifest().tables().stream().collect(Collectors.toMap(TableFile::name, TableFile::jsonSha256));
    }
}
