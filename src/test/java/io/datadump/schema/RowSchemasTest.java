package io.datadump.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class RowSchemasTest {
    final RowSchemas schemas = new RowSchemas(new ObjectMapper());

    @Test
    void typesNullabilityEnumsAndCustomFields() {
        ObjectNode s = schemas.schema(
                "deals",
                "Deals",
                List.of(
                        new TableCatalog.Column("id", "bigserial", false),
                        new TableCatalog.Column("stage", "deal_stage", true, List.of("open", "won")),
                        new TableCatalog.Column("tags", "_text", false),
                        new TableCatalog.Column("price", "numeric", true),
                        new TableCatalog.Column("updated_at", "timestamp", false)),
                List.of(new CustomFieldDefinition(
                        "deals", "rating", "Rating", CustomFieldType.SELECT, List.of("A", "B"), 0)));
        assertThat(s.get("properties").get("id").toString()).isEqualTo("{\"type\":\"integer\"}");
        assertThat(s.get("properties").get("stage").toString())
                .isEqualTo("{\"type\":[\"string\",\"null\"],\"enum\":[\"open\",\"won\",null]}");
        assertThat(s.get("properties").get("tags").get("items").get("type").toString())
                .isEqualTo("[\"string\",\"null\"]");
        assertThat(s.get("properties").get("price").get("type").toString()).isEqualTo("[\"number\",\"null\"]");
        assertThat(s.get("properties").get("updated_at").get("pattern").asText())
                .isEqualTo(RowSchemas.TIMESTAMP_PATTERN);
        assertThat(s.get("properties").get("rating").get("enum").toString()).isEqualTo("[\"A\",\"B\",null]");
        assertThat(s.get("required")).hasSize(6);
        assertThat(s.get("x-cursor-field").asText()).isEqualTo("updated_at");
        assertThat(schemas.sha256(s)).hasSize(64).isEqualTo(schemas.sha256(s.deepCopy()));
    }
}
