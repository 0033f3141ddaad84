package io.datadump.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datadump.App;
import io.datadump.support.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SchemaTest {
    static App app;

    @BeforeAll
    static void open() {
        app = TestDatabases.freshApp();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    static final List<String> SEED_TABLES = List.of(
            "appointments",
            "brokers",
            "cancelations",
            "commission_splits",
            "contacts",
            "deal_pipelines",
            "deals",
            "departments",
            "documents",
            "images",
            "messages",
            "notes",
            "policies",
            "projects",
            "properties",
            "property_details",
            "relationships",
            "saved_queries",
            "teams",
            "todos",
            "groups",
            "client_sources",
            "client_reasons",
            "client_statuses",
            "reservation_reasons",
            "property_statuses");

    @Test
    void catalogHoldsExactlyTheSeedTables() {
        assertThat(app.catalog().names()).containsExactlyInAnyOrderElementsOf(SEED_TABLES);
    }

    @Test
    void migrationsCreateEveryTenantTableWithAccountIdAndIndex() throws Exception {
        try (Connection c = app.database().builtInCrm().getConnection()) {
            for (String table : SEED_TABLES) {
                try (var ps = c.prepareStatement(
                        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position")) {
                    ps.setString(1, table);
                    List<String> cols = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) cols.add(rs.getString(1));
                    }
                    assertThat(cols).as(table).contains("id", "account_id", "created_at", "updated_at");
                }
                try (var ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE tablename = ?")) {
                    ps.setString(1, table);
                    List<String> defs = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) defs.add(rs.getString(1));
                    }
                    assertThat(defs).as(table).anyMatch(d -> d.contains("(account_id"));
                }
            }
        }
    }

    @Test
    void everyTableQueryDescribesWithoutTenancyColumn() throws Exception {
        try (Connection c = app.database().builtInCrm().getConnection()) {
            for (String table : SEED_TABLES) {
                List<String> keys = app.catalog().builtInFields(c, table);
                assertThat(keys)
                        .as(table)
                        .contains("id")
                        .doesNotContain("account_id", "custom_fields")
                        .doesNotHaveDuplicates();
            }
            assertThat(app.catalog().builtInFields(c, "groups")).containsExactly("id", "name");
        }
    }

    @Test
    void customFieldCollidingWithBuiltInFieldIsRefused() {
        long account = app.accounts().create("Collision GmbH", true).id();
        assertThatThrownBy(() -> app.customFields()
                        .define(account, "contacts", "first_name", null, CustomFieldType.STRING, List.of()))
                .isInstanceOf(CustomFieldException.class)
                .hasMessageContaining("collides with the built-in field 'first_name'");
        assertThatThrownBy(() -> app.customFields()
                        .define(account, "properties", "status", null, CustomFieldType.STRING, List.of()))
                .isInstanceOf(CustomFieldException.class)
                .hasMessageContaining("collides");
        assertThatThrownBy(() -> app.customFields()
                        .define(account, "deals", "custom_fields", null, CustomFieldType.STRING, List.of()))
                .isInstanceOf(CustomFieldException.class);
        assertThatThrownBy(() -> app.customFields()
                        .define(account, "contacts", "Bad-Name", null, CustomFieldType.STRING, List.of()))
                .isInstanceOf(CustomFieldException.class)
                .hasMessageContaining("invalid");
        assertThatThrownBy(
                        () -> app.customFields().define(account, "notes", "x", null, CustomFieldType.STRING, List.of()))
                .isInstanceOf(CustomFieldException.class)
                .hasMessageContaining("has no custom fields");
        assertThatThrownBy(() ->
                        app.customFields().define(account, "contacts", "pick", null, CustomFieldType.SELECT, List.of()))
                .isInstanceOf(CustomFieldException.class)
                .hasMessageContaining("option");

        var ok = app.customFields()
                .define(account, "contacts", "budget_eur", "Budget", CustomFieldType.NUMBER, List.of());
        assertThat(ok.name()).isEqualTo("budget_eur");
        assertThatThrownBy(() -> app.customFields()
                        .define(account, "contacts", "budget_eur", null, CustomFieldType.NUMBER, List.of()))
                .isInstanceOf(CustomFieldException.class)
                .hasMessageContaining("already has");
        assertThat(app.customFields().list(account, "contacts"))
                .extracting(CustomFieldDefinition::name)
                .containsExactly("budget_eur");
    }
}
