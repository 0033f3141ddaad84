package io.datadump.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the public API. What does not depend on the catalog (security schemes, every path
 * with its parameters and answers, the response bodies, the error body) is written out in
 * {@code src/main/resources/openapi/openapi.json}; spliced in are what the catalog decides: the tables a path's
 * {@code {table}} may name, and a row schema per table (its built-in keys, from the same column types as the dump;
 * the account's custom fields are additional properties).
 */
final class OpenApiDocument {
    private static final String RESOURCE = "openapi/openapi.json";

    private final ObjectMapper json;
    private final ObjectNode template;

    OpenApiDocument(ObjectMapper json) {
        this.json = json;
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
            this.template = (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The document; {@code columns} are each table's built-in columns, in the catalog's order. */
    ObjectNode build(TableCatalog catalog, Map<String, List<TableCatalog.Column>> columns, RowSchemas schemas) {
        ObjectNode doc = template.deepCopy();
        ArrayNode tableNames = json.createArrayNode();
        ObjectNode components = (ObjectNode) doc.get("components").get("schemas");
        for (TableDefinition t : catalog.all()) {
            tableNames.add(t.name());
            ObjectNode row = schemas.schema(t.name(), t.label(), columns.get(t.name()), List.of());
            row.remove("$schema");
            row.putObject("additionalProperties").put("description", "the account's custom fields");
            components.set("Row_" + t.name(), row);
        }
        for (JsonNode path : doc.get("paths")) {
            for (JsonNode operation : path) {
                for (JsonNode parameter : operation.path("parameters")) {
                    if (parameter.path("name").asText().equals("table")
                            && parameter.path("in").asText().equals("path"))
                        ((ObjectNode) parameter.get("schema")).set("enum", tableNames.deepCopy());
                }
            }
        }
        addHeadOperations((ObjectNode) doc.get("paths"));
        return doc;
    }

    /**
     * Every GET path answers HEAD as GET without the body (ApiServer registers both), so each gets a {@code head}
     * operation: GET's parameters and statuses, no response bodies.
     */
    private static void addHeadOperations(ObjectNode paths) {
        for (JsonNode path : paths) {
            JsonNode get = path.get("get");
            if (get == null) continue;
            ObjectNode head = (ObjectNode) get.deepCopy();
            head.put(
                    "summary",
                    "The headers GET answers, without the body: "
                            + get.path("summary").asText());
            head.put("operationId", "head" + get.path("operationId").asText().replaceFirst("^get", ""));
            for (JsonNode response : head.path("responses")) ((ObjectNode) response).remove("content");
            ((ObjectNode) path).set("head", head);
        }
    }
}
