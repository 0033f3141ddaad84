package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.schema.CustomFieldType;
import io.datadump.storage.FileStorage;
import io.datadump.storage.Storage;
import io.datadump.support.FailingStorage;
import io.datadump.support.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DumpEngineTest {
    static App app;
    static long account;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void setUp() {
        app = TestDatabases.freshApp();
        account = app.accounts().create("Muster Immobilien", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 7, DemoDataGenerator.Progress.NONE);
    }

    @AfterAll
    static void tearDown() {
        app.close();
    }

    static Path root() {
        return ((FileStorage) app.storage()).root();
    }

    static Path dumpDir(DumpResult r) {
        return root().resolve(r.run().storagePrefix());
    }

    static JsonNode read(Path dir, TableFile f) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(f.file()))) {
            return JSON.readTree(f.file().endsWith(".gz") ? new GZIPInputStream(in) : in);
        }
    }

    static long count(String table, long accountId) throws Exception {
        try (Connection c = app.database().builtInCrm().getConnection();
                var ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // The keys of the Propstack samples, in their order.
    static final Map<String, List<String>> SEED_KEYS = Map.of(
            "contacts",
                    List.of(
                            "academic_title",
                            "active_reservations",
                            "archived",
                            "birth_name",
                            "broker_id",
                            "broker_ids",
                            "cancelation_reason_ids",
                            "canceled_reservations",
                            "children_count",
                            "client_reason_id",
                            "client_source_id",
                            "client_status_id",
                            "commercial",
                            "company",
                            "confirmed_at",
                            "contact_sync_broker_ids",
                            "cp_delete_request_date",
                            "cp_profile_updated_at",
                            "created_at",
                            "create_notification",
                            "creator_id",
                            "customer_protection_partner",
                            "deleted_at",
                            "department_ids",
                            "description",
                            "dob",
                            "email",
                            "emails",
                            "equity",
                            "first_name",
                            "gdpr_status",
                            "has_protection",
                            "home_address",
                            "home_cell",
                            "home_city",
                            "home_country",
                            "home_fax",
                            "home_house_number",
                            "home_phone",
                            "home_street",
                            "home_url",
                            "home_zip_code",
                            "id",
                            "identity_number",
                            "issuing_authority",
                            "item_id",
                            "keep_data_till",
                            "last_contact_at",
                            "last_logged_in_at",
                            "last_name",
                            "locale",
                            "nationality",
                            "newsletter",
                            "office_address",
                            "office_cell",
                            "office_city",
                            "office_country",
                            "office_fax",
                            "office_house_number",
                            "office_phone",
                            "office_street",
                            "office_url",
                            "office_zip_code",
                            "old_crm_id",
                            "online",
                            "parent_id",
                            "photo",
                            "policy_accepted_at",
                            "position",
                            "preferred_contact_channel",
                            "preferred_contact_time",
                            "property_mailing_wanted",
                            "rating",
                            "relationship",
                            "salutation",
                            "score",
                            "second_broker_id",
                            "tags",
                            "third_broker_id",
                            "time_zone",
                            "updated_at",
                            "updater_id",
                            "mvsigned",
                            "hvsigned",
                            "newsletter_unsubscribed",
                            "from_website",
                            "locked",
                            "home_address_validated",
                            "status",
                            "source"),
            "properties",
                    List.of(
                            "address",
                            "administrative_area_level_1",
                            "archived",
                            "base_rent",
                            "broker_id",
                            "brokers",
                            "city",
                            "copying",
                            "country",
                            "courtage",
                            "created_at",
                            "creator_id",
                            "deleted_at",
                            "department_ids",
                            "exposee_id",
                            "featured",
                            "for_bidding",
                            "gastronomy_type",
                            "has_courtage",
                            "hide_address",
                            "house_number",
                            "id",
                            "industry_type",
                            "investment_type",
                            "is24_id",
                            "lat",
                            "living_space",
                            "lng",
                            "locale",
                            "location_id",
                            "marketing_type",
                            "net_floor_space",
                            "number_of_rooms",
                            "object_type",
                            "office_type",
                            "old_crm_id",
                            "plot_area",
                            "price",
                            "price_interval_type",
                            "project_id",
                            "property_status_id",
                            "rs_type",
                            "short_term_accomodation_type",
                            "special_purpose_type",
                            "start_rental_date",
                            "statistics",
                            "street",
                            "sublocality_level_1",
                            "total_floor_space",
                            "unit_id",
                            "updated_at",
                            "zip_code",
                            "lift",
                            "ramp",
                            "floor",
                            "sauna",
                            "cellar",
                            "garden",
                            "loggia",
                            "rented",
                            "balcony",
                            "chimney",
                            "terrace",
                            "monument",
                            "auto_lift",
                            "condition",
                            "storeroom",
                            "demolition",
                            "goods_lift",
                            "non_smoker",
                            "total_rent",
                            "has_canteen",
                            "lodger_flat",
                            "other_costs",
                            "alarm_system",
                            "barrier_free",
                            "crane_runway",
                            "firing_types",
                            "guest_toilet",
                            "heating_type",
                            "high_voltage",
                            "rent_subsidy",
                            "flooring_type",
                            "has_furniture",
                            "heating_costs",
                            "rental_income",
                            "swimming_pool",
                            "wellness_area",
                            "winter_garden",
                            "apartment_type",
                            "rotation_fixed",
                            "service_charge",
                            "air_conditioning",
                            "built_in_kitchen",
                            "interior_quality",
                            "kitchen_complete",
                            "number_of_floors",
                            "price_on_inquiry",
                            "construction_year",
                            "conservation_areas",
                            "building_permission",
                            "flat_share_suitable",
                            "maintenance_reserve",
                            "preliminary_enquiry",
                            "landing_page_blocked",
                            "short_term_constructible",
                            "construction_year_unknown",
                            "summer_residence_practical",
                            "energy_certificate_availability",
                            "heating_costs_in_service_charge",
                            "certificate_of_eligibility_needed",
                            "energy_consumption_contains_warm_water",
                            "status"),
            "appointments",
                    List.of(
                            "id",
                            "created_at",
                            "note_type_id",
                            "starts_at",
                            "ends_at",
                            "title",
                            "body",
                            "broker_id",
                            "state",
                            "clients_ids",
                            "properties_ids",
                            "projects_ids",
                            "rrule",
                            "is_campaign",
                            "clients_status",
                            "send_reminders"),
            "cancelations",
                    List.of(
                            "id",
                            "created_at",
                            "note_type_id",
                            "starts_at",
                            "ends_at",
                            "broker_id",
                            "state",
                            "client_ids",
                            "property_ids",
                            "project_ids",
                            "reservation_reason_id"),
            "deals",
                    List.of(
                            "id",
                            "created_at",
                            "updated_at",
                            "deal_stage_id",
                            "deal_pipeline_id",
                            "deal_stage_chance",
                            "reservation_reason_id",
                            "client_source_id",
                            "broker_id",
                            "client_id",
                            "property_id",
                            "project_id",
                            "start_date",
                            "price"));

    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?";
    static final String DATE = "\\d{4}-\\d{2}-\\d{2}";

    @Test
    void everySeedKeyIsPresentInOrderWithItsShape() throws Exception {
        DumpResult r = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        Path dir = dumpDir(r);
        for (var e : SEED_KEYS.entrySet()) {
            JsonNode rows = read(dir, r.manifest().table(e.getKey()).orElseThrow());
            assertThat(rows.size()).as(e.getKey()).isPositive();
            for (JsonNode row : rows) {
                List<String> keys = new ArrayList<>();
                row.fieldNames().forEachRemaining(keys::add);
                assertThat(keys)
                        .as(e.getKey())
                        .containsSubsequence(e.getValue())
                        .doesNotContain("account_id", "custom_fields");
                assertThat(row.get("id").isIntegralNumber()).isTrue();
                assertThat(row.get("created_at").asText()).matches(TIMESTAMP);
            }
        }
        JsonNode contacts = read(dir, r.manifest().table("contacts").orElseThrow());
        for (JsonNode c : contacts) {
            assertThat(c.get("broker_ids").isArray()).isTrue();
            assertThat(c.get("emails").isArray()).isTrue();
            c.get("emails").forEach(m -> assertThat(m.isTextual()).isTrue());
            assertThat(c.get("archived").isBoolean()).isTrue();
            assertThat(c.get("item_id")).isEqualTo(c.get("id"));
            assertThat(c.get("contact_sync_broker_ids").isNull()).isTrue();
            if (!c.get("dob").isNull()) assertThat(c.get("dob").asText()).matches(DATE);
            if (!c.get("client_status_id").isNull())
                assertThat(c.get("status").isTextual()).isTrue();
            if (!c.get("client_source_id").isNull())
                assertThat(c.get("source").isTextual()).isTrue();
            if (!c.get("broker_id").isNull())
                assertThat(c.get("broker_id").isIntegralNumber()).isTrue();
        }
        assertThat(contacts).anyMatch(c -> !c.get("deleted_at").isNull()); // soft-deleted rows are part of the backup
        JsonNode properties = read(dir, r.manifest().table("properties").orElseThrow());
        for (JsonNode p : properties) {
            assertThat(p.get("statistics").isTextual()).isTrue();
            assertThat(p.get("lat").isNumber()).isTrue();
            assertThat(p.get("brokers").isArray()).isTrue();
            assertThat(p.get("flooring_type").isArray()).isTrue();
            assertThat(p.get("status").isTextual()).isTrue();
            if (!p.get("price").isNull()) assertThat(p.get("price").isNumber()).isTrue();
        }
        // deals.price keeps its scale (500000.00), as the seed shows
        String dealsText = Files.readString(dir.resolve("deals.json"));
        assertThat(dealsText)
                .containsPattern("\"price\":\\d+\\.00[,}]")
                .containsPattern("\"start_date\":\"" + DATE + "\"");
        JsonNode appointments = read(dir, r.manifest().table("appointments").orElseThrow());
        assertThat(appointments.get(0).get("clients_ids").isArray()).isTrue();
        assertThat(appointments.get(0).get("clients_status").isArray()).isTrue();
        JsonNode pipelines = read(dir, r.manifest().table("deal_pipelines").orElseThrow());
        assertThat(pipelines.get(0).get("deal_stages").isArray()).isTrue();
        assertThat(pipelines.get(0).get("deal_stages").get(0).get("created_at").asText())
                .matches(TIMESTAMP);
        JsonNode groups = read(dir, r.manifest().table("groups").orElseThrow());
        assertThat(groups.get(0).size()).isEqualTo(2);
    }

    @Test
    void everyFileParsesAndHoldsExactlyTheSourceRows() throws Exception {
        DumpResult r = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        assertThat(r.manifest().tables()).hasSize(26);
        Path dir = dumpDir(r);
        for (TableFile f : r.manifest().tables()) {
            JsonNode rows = read(dir, f);
            assertThat(rows.isArray()).isTrue();
            assertThat((long) rows.size()).as(f.name()).isEqualTo(f.rows()).isEqualTo(count(f.name(), account));
            assertThat(Files.size(dir.resolve(f.file()))).isEqualTo(f.bytes());
            assertThat(sha256(dir.resolve(f.file()))).isEqualTo(f.sha256()).isEqualTo(f.jsonSha256());
        }
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("dump_id").asLong()).isEqualTo(r.run().id());
        assertThat(app.runs().current(account).orElseThrow().id())
                .isEqualTo(r.run().id());
    }

    @Test
    void everyTableIsWhatRowToJsonMakesOfItsQuery() throws Exception {
        DumpResult r = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        try (Connection c = app.database().builtInCrm().getConnection()) {
            for (TableFile f : r.manifest().tables()) {
                JsonNode theirs =
                        JsonRowsTest.rowToJson(c, app.catalog().dumpSql(c, f.name(), f.customFields(), account));
                JsonNode ours =
                        JsonRowsTest.EXACT.readTree(dumpDir(r).resolve(f.file()).toFile());
                assertThat(ours.size()).as(f.name()).isEqualTo(theirs.size()).isPositive();
                for (int i = 0; i < ours.size(); i++) {
                    assertThat(ours.get(i).toString())
                            .as(f.name() + " row " + i)
                            .isEqualTo(theirs.get(i).toString());
                }
            }
        }
    }

    @Test
    void customFieldsAppearOnlyInTheirAccountsRowsWithTypedValues() throws Exception {
        long a = app.accounts().create("A GmbH", true).id();
        long b = app.accounts().create("B GmbH", true).id();
        app.customFields().define(a, "contacts", "a_only", null, CustomFieldType.NUMBER, List.of());
        app.customFields().define(b, "contacts", "b_only", null, CustomFieldType.MULTISELECT, List.of("x", "y"));
        try (Connection c = app.database().builtInCrm().getConnection();
                var st = c.createStatement()) {
            st.execute("INSERT INTO contacts (account_id, first_name, created_at, updated_at, custom_fields) VALUES "
                    + "(" + a + ", 'Anna', now(), now(), '{\"a_only\": 12.5}'), (" + a
                    + ", 'Ada', now(), now(), '{}'), "
                    + "(" + b + ", 'Bert', now(), now(), '{\"b_only\": [\"x\"]}')");
        }
        for (long id : List.of(a, b)) {
            DumpResult r = app.engine().dump(id, RunTrigger.CLI, DumpEvents.NONE);
            JsonNode rows = read(dumpDir(r), r.manifest().table("contacts").orElseThrow());
            String mine = id == a ? "a_only" : "b_only", theirs = id == a ? "b_only" : "a_only";
            for (JsonNode row : rows) {
                assertThat(row.has(mine)).isTrue();
                assertThat(row.has(theirs)).isFalse();
            }
            assertThat(r.manifest().table("contacts").orElseThrow().customFields())
                    .containsExactly(mine);
            if (id == a) {
                assertThat(rows.get(0).get("a_only").decimalValue()).isEqualByComparingTo("12.5");
                assertThat(rows.get(1).get("a_only").isNull()).isTrue();
            } else {
                assertThat(rows.get(0).get("b_only").get(0).asText()).isEqualTo("x");
            }
        }
    }

    @Test
    void aWriteAfterTheSnapshotIsNotInTheDump() throws Exception {
        long before = count("contacts", account);
        DumpResult r = app.engine().dump(account, RunTrigger.CLI, new DumpEvents() {
            @Override
            public void tableStarted(long accountId, String table) {
                if (!table.equals("appointments")) return; // the first table: the snapshot is already taken
                try (Connection c = app.database().builtInCrm().getConnection();
                        var st = c.createStatement()) {
                    st.execute("INSERT INTO contacts (account_id, first_name, created_at, updated_at) VALUES ("
                            + account + ", 'Late', now(), now())");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertThat(count("contacts", account)).isEqualTo(before + 1);
        assertThat(r.manifest().table("contacts").orElseThrow().rows()).isEqualTo(before);
        assertThat(Files.readString(dumpDir(r).resolve("contacts.json"))).doesNotContain("\"Late\"");
        try (Connection c = app.database().builtInCrm().getConnection();
                var st = c.createStatement()) {
            st.execute("DELETE FROM contacts WHERE first_name = 'Late'");
        }
    }

    @Test
    void whenOnlyTheManifestFitsThePublishedDumpAndCurrentJsonStillAgree() throws Exception {
        DumpResult good = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        Storage pointerFails = new FailingStorage(app.storage(), "current.json", 0);
        DumpEngine engine =
                app.newEngine(app.catalog(), pointerFails, app.config().dump());
        assertThatThrownBy(() -> engine.dump(account, RunTrigger.CLI, DumpEvents.NONE))
                .isInstanceOf(DumpException.class)
                .hasMessageContaining("failed, writing current.json: disk full");
        assertThat(app.runs().current(account).orElseThrow().id())
                .isEqualTo(good.run().id());
        JsonNode pointer = new ObjectMapper()
                .readTree(
                        root().resolve("accounts/" + account + "/current.json").toFile());
        assertThat(pointer.get("manifest").get("dump_id").asLong())
                .isEqualTo(good.run().id());
        assertThat(pointer.get("dump_directory").asText()).isEqualTo(good.run().storagePrefix());
    }

    @Test
    void aFailureHalfwayLeavesThePreviousDumpCurrentAndNoPartialFiles() throws Exception {
        DumpResult good = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        Storage failing = new FailingStorage(app.storage(), "messages.json");
        DumpEngine engine = app.newEngine(app.catalog(), failing, app.config().dump());
        assertThatThrownBy(() -> engine.dump(account, RunTrigger.CLI, DumpEvents.NONE))
                .isInstanceOf(DumpException.class)
                .hasMessageContaining("disk full");
        assertThat(app.runs().current(account).orElseThrow().id())
                .isEqualTo(good.run().id());
        DumpRun failed = app.runs().recent(account, 1).get(0);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        // the recorded error says which table and step failed, and what happened
        assertThat(failed.error())
                .hasValueSatisfying(e -> assertThat(e).startsWith("writing table messages to storage: disk full"));
        try (Stream<Path> files = Files.walk(root().resolve("accounts/" + account + "/dumps"))) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .allMatch(p -> !p.endsWith(".partial"))
                    .noneMatch(p -> p.contains("-" + failed.id() + "/"));
        }
        // and the next run succeeds
        assertThat(app.engine()
                        .dump(account, RunTrigger.CLI, DumpEvents.NONE)
                        .run()
                        .status())
                .isEqualTo(RunStatus.PUBLISHED);
    }

    @Test
    void retentionKeepsTheNewestDumpOfTheLastDaysAndDeletesTheRest() throws Exception {
        long acc = app.accounts().create("Retention GmbH", true).id();
        DumpEngine engine = app.newEngine(
                app.catalog(),
                app.storage(),
                app.config().dump().withGzip(false).withRetention(new RetentionPolicy(2, 0, 0)));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long id = engine.dump(acc, RunTrigger.CLI, DumpEvents.NONE).run().id();
            ids.add(id);
            // each dump but the last is moved 3, 2 and 1 days back before the next one runs
            if (i < 3) {
                app.runs().redate(id, Instant.now().minus(Duration.ofDays(3 - i)));
            }
        }
        // dropped, but kept for the lifetime of the links to them; then housekeeping deletes them
        assertThat(app.runs().find(ids.get(0)).orElseThrow().status()).isEqualTo(RunStatus.EXPIRING);
        app.jdbc().update("UPDATE dump_runs SET delete_after = now() WHERE status = 'expiring'");
        app.runHousekeeping();
        try (Stream<Path> dirs = Files.list(root().resolve("accounts/" + acc + "/dumps"))) {
            assertThat(dirs.map(p -> p.getFileName().toString()))
                    .hasSize(2)
                    .allMatch(n -> n.endsWith("-" + ids.get(2)) || n.endsWith("-" + ids.get(3)));
        }
        assertThat(app.runs().find(ids.get(0)).orElseThrow().status()).isEqualTo(RunStatus.PRUNED);
        assertThat(app.runs().find(ids.get(3)).orElseThrow().status()).isEqualTo(RunStatus.PUBLISHED);
    }

    @Test
    void gzipStoresCompressedFilesWithBothChecksums() throws Exception {
        DumpEngine engine = app.newEngine(
                app.catalog(),
                app.storage(),
                app.config().dump().withGzip(true).withRetention(new RetentionPolicy(7, 0, 0)));
        DumpResult r = engine.dump(account, RunTrigger.CLI, DumpEvents.NONE);
        TableFile contacts = r.manifest().table("contacts").orElseThrow();
        assertThat(contacts.file()).isEqualTo("contacts.json.gz");
        assertThat(contacts.bytes()).isLessThan(contacts.jsonBytes());
        Path file = dumpDir(r).resolve(contacts.file());
        assertThat(sha256(file)).isEqualTo(contacts.sha256());
        byte[] plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            plain = in.readAllBytes();
        }
        assertThat(plain.length).isEqualTo(contacts.jsonBytes());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plain)))
                .isEqualTo(contacts.jsonSha256());
        assertThat(JSON.readTree(plain).size()).isEqualTo((int) contacts.rows());
    }

    /** ISA-L (where libisal2 is installed, as on CI) and zlib compress the very same JSON, each file readable. */
    @Test
    void bothGzipEnginesStoreTheSameJson() throws Exception {
        Map<GzipEngine.Choice, Manifest> manifests = new EnumMap<>(GzipEngine.Choice.class);
        for (GzipEngine.Choice choice : List.of(GzipEngine.Choice.AUTO, GzipEngine.Choice.ZLIB)) {
            DumpSettings settings = app.config()
                    .dump()
                    .withGzip(true)
                    .withGzipEngine(choice)
                    .withRetention(new RetentionPolicy(7, 0, 0));
            DumpResult r = app.newEngine(app.catalog(), app.storage(), settings)
                    .dump(account, RunTrigger.CLI, DumpEvents.NONE);
            for (TableFile t : r.manifest().tables()) {
                Path file = dumpDir(r).resolve(t.file());
                assertThat(sha256(file)).as("%s %s", choice, t.name()).isEqualTo(t.sha256());
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    assertThat(HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())))
                            .isEqualTo(t.jsonSha256());
                }
            }
            manifests.put(choice, r.manifest());
        }
        for (TableFile zlib : manifests.get(GzipEngine.Choice.ZLIB).tables())
            assertThat(manifests
                            .get(GzipEngine.Choice.AUTO)
                            .table(zlib.name())
                            .orElseThrow()
                            .jsonSha256())
                    .isEqualTo(zlib.jsonSha256());
    }

    @Test
    void anAccountWithoutTheEntitlementIsRefused() {
        long free = app.accounts().create("Free GmbH", false).id();
        assertThatThrownBy(() -> app.engine().dump(free, RunTrigger.CLI, DumpEvents.NONE))
                .isInstanceOf(DumpException.NotEnabled.class)
                .hasMessageContaining("not enabled");
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
