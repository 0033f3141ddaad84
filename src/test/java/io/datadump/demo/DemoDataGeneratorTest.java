package io.datadump.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import io.datadump.support.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTest {

    /** Generates into a fresh database and returns the json sha256 of every dumped table. */
    private static Map<String, String> generateAndHash(long seed) {
        try (App app = TestDatabases.freshApp()) {
            long account = app.accounts().create("Demo", true).id();
            var result = app.generator()
                    .generate(account, GenerationPlan.forScale(1), seed, DemoDataGenerator.Progress.NONE);
            assertThat(result.rows()).isGreaterThan(10_000);
            return app.engine().dump(account, RunTrigger.CLI, DumpEngine.Listener.NONE).manifest().tables().stream()
                    .collect(Collectors.toMap(TableFile::name, TableFile::jsonSha256));
        }
    }

    @Test
    void sameSeedGivesIdenticalDataAndAnotherSeedDoesNot() {
        Map<String, String> first = generateAndHash(42);
        Map<String, String> second = generateAndHash(42);
        Map<String, String> other = generateAndHash(43);
        assertThat(second).isEqualTo(first);
        assertThat(other.get("contacts")).isNotEqualTo(first.get("contacts"));
    }

    @Test
    void generatedDataIsReferentiallyIntactWithinTheAccount() throws Exception {
        try (App app = TestDatabases.freshApp()) {
            long a = app.accounts().create("A", true).id();
            long b = app.accounts().create("B", true).id();
            app.generator().generate(a, GenerationPlan.forScale(1), 1, DemoDataGenerator.Progress.NONE);
            app.generator().generate(b, GenerationPlan.forScale(1), 2, DemoDataGenerator.Progress.NONE);
            // Foreign keys are enforced by PostgreSQL; these check the id arrays and that no reference crosses
            // accounts.
            List<String> violations = List.of(
                    "SELECT count(*) FROM contacts c, unnest(c.broker_ids) x WHERE NOT EXISTS (SELECT 1 FROM brokers b WHERE b.id = x AND b.account_id = c.account_id)",
                    "SELECT count(*) FROM contacts c JOIN brokers b ON b.id = c.broker_id WHERE b.account_id <> c.account_id",
                    "SELECT count(*) FROM contacts c JOIN client_statuses s ON s.id = c.client_status_id WHERE s.account_id <> c.account_id",
                    "SELECT count(*) FROM properties p, unnest(p.brokers) x WHERE NOT EXISTS (SELECT 1 FROM brokers b WHERE b.id = x AND b.account_id = p.account_id)",
                    "SELECT count(*) FROM appointments a, unnest(a.clients_ids) x WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = x AND c.account_id = a.account_id)",
                    "SELECT count(*) FROM appointments a, unnest(a.properties_ids) x WHERE NOT EXISTS (SELECT 1 FROM properties p WHERE p.id = x AND p.account_id = a.account_id)",
                    "SELECT count(*) FROM cancelations a, unnest(a.client_ids) x WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = x AND c.account_id = a.account_id)",
                    "SELECT count(*) FROM deals d JOIN deal_stages s ON s.id = d.deal_stage_id WHERE s.deal_pipeline_id <> d.deal_pipeline_id OR s.account_id <> d.account_id",
                    "SELECT count(*) FROM deals d JOIN contacts c ON c.id = d.client_id WHERE c.account_id <> d.account_id",
                    "SELECT count(*) FROM notes n, unnest(n.client_ids) x WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = x AND c.account_id = n.account_id)",
                    "SELECT count(*) FROM messages m, unnest(m.client_ids) x WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.id = x AND c.account_id = m.account_id)",
                    "SELECT count(*) FROM commission_splits s JOIN deals d ON d.id = s.deal_id WHERE d.account_id <> s.account_id",
                    "SELECT count(*) FROM property_details d JOIN properties p ON p.id = d.property_id WHERE p.account_id <> d.account_id",
                    "SELECT count(*) FROM brokers b, unnest(b.department_ids) x WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.id = x AND d.account_id = b.account_id)");
            try (Connection c = app.database().connection();
                    var st = c.createStatement()) {
                for (String sql : violations) {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(sql).isZero();
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM messages WHERE length(body) > 500")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isGreaterThan(1000); // realistic e-mail bodies
                }
            }
        }
    }
}
