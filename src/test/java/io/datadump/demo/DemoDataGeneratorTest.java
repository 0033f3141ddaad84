package io.datadump.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.dump.DumpEvents;
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
            return app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).manifest().tables().stream()
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
                    "SELECT count(*) FROM brokers b, unnest(b.department_ids) x WHERE NOT EXISTS (SELECT 1 FROM departments d WHERE d.id = x AND d.account_id = b.account_id)",
                    // an image belongs to a property or a project of its own account
                    "SELECT count(*) FROM images i WHERE i.imageable_type IS NULL OR NOT EXISTS ("
                            + " SELECT 1 FROM properties p WHERE i.imageable_type = 'Property' AND p.id = i.imageable_id AND p.account_id = i.account_id"
                            + " UNION ALL SELECT 1 FROM projects p WHERE i.imageable_type = 'Project' AND p.id = i.imageable_id AND p.account_id = i.account_id)",
                    "SELECT count(*) FROM images i, unnest(i.connection_ids) x WHERE NOT EXISTS (SELECT 1 FROM properties p WHERE p.id = x AND p.account_id = i.account_id)",
                    // a policy was given through an e-mail of its account, to its contact
                    "SELECT count(*) FROM policies p WHERE p.message_id IS NULL",
                    "SELECT count(*) FROM policies p JOIN messages m ON m.id = p.message_id WHERE m.account_id <> p.account_id",
                    "SELECT count(*) FROM policies p JOIN contacts c ON c.id = p.client_id WHERE c.account_id <> p.account_id",
                    // a split is entered on a property of its account, to a broker or a contact of its account
                    "SELECT count(*) FROM commission_splits s WHERE s.property_id IS NULL",
                    "SELECT count(*) FROM commission_splits s JOIN properties p ON p.id = s.property_id WHERE p.account_id <> s.account_id",
                    "SELECT count(*) FROM commission_splits s JOIN deals d ON d.id = s.deal_id WHERE d.property_id <> s.property_id",
                    "SELECT count(*) FROM commission_splits s JOIN contacts c ON c.id = s.client_id WHERE c.account_id <> s.account_id",
                    "SELECT count(*) FROM commission_splits s JOIN groups g ON g.id = s.group_id WHERE g.account_id <> s.account_id",
                    "SELECT count(*) FROM notes n JOIN brokers b ON b.id = n.task_creator_id WHERE b.account_id <> n.account_id",
                    "SELECT count(*) FROM todos t JOIN brokers b ON b.id = t.task_updater_id WHERE b.account_id <> t.account_id",
                    "SELECT count(*) FROM saved_queries q, unnest(q.group_ids) x WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = x AND g.account_id = q.account_id)");
            // the new fields are filled, and varied
            Map<String, String> variety = Map.of(
                    "SELECT count(DISTINCT name) FROM property_details WHERE account_id = " + a, "11",
                    "SELECT count(DISTINCT imageable_type) FROM images WHERE account_id = " + a, "2",
                    "SELECT count(DISTINCT status) FROM projects WHERE account_id = " + a
                                    + " AND status IN ('ACQUISITION', 'PROGRESS', 'SALES', 'SOLD')",
                            "4",
                    "SELECT (count(*) FILTER (WHERE client_id IS NOT NULL) > 0 AND count(*) FILTER (WHERE broker_id IS NOT NULL) > count(*) FILTER (WHERE client_id IS NOT NULL))::text FROM commission_splits WHERE account_id = "
                                    + a,
                            "true",
                    "SELECT (count(*) FILTER (WHERE accept_service) > count(*) / 2 AND count(*) FILTER (WHERE NOT read) > 0)::text FROM policies WHERE account_id = "
                                    + a,
                            "true",
                    "SELECT (count(*) FILTER (WHERE attachments <> '[]') > 0)::text FROM messages WHERE account_id = "
                                    + a,
                            "true",
                    "SELECT (count(*) FILTER (WHERE price_to IS NOT NULL) > 0 AND count(*) FILTER (WHERE total_rent IS NOT NULL) > 0)::text FROM saved_queries WHERE account_id = "
                                    + a,
                            "true",
                    "SELECT count(*) FILTER (WHERE imprint_note IS NULL OR privacy_note IS NULL) FROM teams WHERE account_id = "
                                    + a,
                            "0",
                    "SELECT (count(DISTINCT project_id) = count(*))::text FROM projects WHERE account_id = " + a,
                            "true");
            // every generated amount lies where a Hamburg or Munich office would see it (no 900-million-euro deals)
            Map<String, String> bounds = Map.of(
                    "SELECT count(*) FROM contacts WHERE account_id = " + a
                            + " AND (equity NOT BETWEEN 10000 AND 500000"
                            + " OR (custom_fields->>'budget')::numeric NOT BETWEEN 150000 AND 2500000)",
                    "0",
                    "SELECT count(*) FROM deals WHERE account_id = " + a
                            + " AND (price NOT BETWEEN 180000 AND 1900000 OR sold_price NOT BETWEEN 150000 AND 2000000)",
                    "0",
                    "SELECT count(*) FROM commission_splits WHERE account_id = " + a
                            + " AND amount NOT BETWEEN 2000 AND 60000",
                    "0",
                    "SELECT count(*) FROM properties WHERE account_id = " + a
                            + " AND (price NOT BETWEEN 50000 AND 5000000 OR base_rent NOT BETWEEN 200 AND 10000)",
                    "0",
                    "SELECT count(*) FROM saved_queries WHERE account_id = " + a
                            + " AND (price NOT BETWEEN 100000 AND 600000 OR price_to NOT BETWEEN 600000 AND 2000000"
                            + " OR base_rent NOT BETWEEN 500 AND 1200 OR base_rent_to NOT BETWEEN 1200 AND 3000)",
                    "0");
            try (Connection c = app.database().builtInCrm().getConnection();
                    var st = c.createStatement()) {
                for (var bound : bounds.entrySet()) {
                    try (ResultSet rs = st.executeQuery(bound.getKey())) {
                        rs.next();
                        assertThat(rs.getString(1)).as(bound.getKey()).isEqualTo(bound.getValue());
                    }
                }
                for (String sql : violations) {
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                        assertThat(rs.getLong(1)).as(sql).isZero();
                    }
                }
                for (var check : variety.entrySet()) {
                    try (ResultSet rs = st.executeQuery(check.getKey())) {
                        rs.next();
                        assertThat(rs.getString(1)).as(check.getKey()).isEqualTo(check.getValue());
                    }
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM messages WHERE length(body) > 500")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isGreaterThan(1000); // realistic e-mail bodies
                }
            }
        }
    }

    @Test
    void contactsOnlyAddsContactsAndWhatTheyReferenceAndNoFieldsToOtherTables() throws Exception {
        try (App app = TestDatabases.freshApp()) {
            long account = app.accounts().create("Kontakte", true).id();
            var counts = app.generator()
                    .generate(account, GenerationPlan.contactsOnly(50), 7, DemoDataGenerator.Progress.NONE)
                    .rowsPerTable();
            assertThat(counts).containsEntry("contacts", 50L).containsEntry("brokers", 10L);
            assertThat(counts.getOrDefault("properties", 0L)).isZero();
            assertThat(counts.getOrDefault("deal_pipelines", 0L)).isZero();
            assertThat(counts.getOrDefault("deal_stages", 0L)).isZero();
            // custom fields only where rows were made: properties and deals keep their shape
            assertThat(app.customFields().list(account, null).stream()
                            .map(d -> d.entity())
                            .distinct())
                    .isSubsetOf("contacts", "brokers")
                    .contains("contacts");
        }
    }
}
