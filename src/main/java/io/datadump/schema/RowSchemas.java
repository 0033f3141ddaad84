package io.datadump.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of one row of a table for one account: every key with its JSON type and
 * nullability, dates as {@code format: date}, timestamps with their pattern (UTC, no zone, as the dump writes them),
 * the account's custom fields with their types and options, and where the table has them {@code x-primary-key} and
 * {@code x-cursor-field}. Types come from PostgreSQL's description of the table's query, so the schema says what the
 * dump writes, not what a column was meant to hold.
 */
public final class RowSchemas {
    public static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";
    /** As PostgreSQL's to_json writes a timestamp without time zone: UTC here, trailing zeros of the fraction dropped. */
    public static final String TIMESTAMP_PATTERN = "^-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?$";

    private final ObjectMapper json;

    public RowSchemas(ObjectMapper json) {
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    public ObjectNode schema(
            String table, String label, List<TableCatalog.Column> columns, List<CustomFieldDefinition> customFields) {
        ObjectNode schema = json.createObjectNode();
        schema.put("$schema", DRAFT);
        schema.put("title", table);
        schema.put("description", "One row of the table " + table + " (" + label + ") of the datadump");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = json.createArrayNode();
        for (TableCatalog.Column c : columns) {
            properties.set(c.name(), column(c));
            required.add(c.name());
        }
        for (CustomFieldDefinition f : customFields) {
            properties.set(f.name(), customField(f));
            required.add(f.name());
        }
        schema.set("required", required);
        schema.put("additionalProperties", false);
        if (columns.stream().anyMatch(c -> c.name().equals("id")))
            schema.putArray("x-primary-key").add("id");
        if (columns.stream().anyMatch(c -> c.name().equals("updated_at"))) schema.put("x-cursor-field", "updated_at");
        return schema;
    }

    /** A hash of the schema's canonical text: changes whenever a key, a type or an option changes. */
    public String sha256(ObjectNode schema) {
        try {
            byte[] text = json.writeValueAsBytes(schema);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode column(TableCatalog.Column c) {
        ObjectNode node = json.createObjectNode();
        String type = c.type();
        if (type.startsWith("_")) { // PostgreSQL's name for an array of the type after the underscore
            node.set("type", types("array", c.nullable()));
            ObjectNode items = node.putObject("items");
            scalar(items, type.substring(1), true);
            enumerate(items, c.enumValues(), true);
            return node;
        }
        scalar(node, type, c.nullable());
        enumerate(node, c.enumValues(), c.nullable());
        return node;
    }

    /** A PostgreSQL enum's labels as the JSON Schema enum (with null where the value may be null). */
    private static void enumerate(ObjectNode node, List<String> labels, boolean nullable) {
        if (labels.isEmpty()) return;
        ArrayNode values = node.putArray("enum");
        labels.forEach(values::add);
        if (nullable) values.addNull();
    }

    /** The schema of a scalar PostgreSQL type, as row_to_json renders it. */
    private void scalar(ObjectNode node, String pgType, boolean nullable) {
        switch (pgType) {
            case "int2", "int4", "int8", "smallserial", "serial", "bigserial", "oid" ->
                node.set("type", types("integer", nullable));
            case "numeric", "float4", "float8", "money" -> node.set("type", types("number", nullable));
            case "bool" -> node.set("type", types("boolean", nullable));
            case "date" -> {
                node.set("type", types("string", nullable));
                node.put("format", "date");
            }
            case "timestamp" -> {
                node.set("type", types("string", nullable));
                node.put("pattern", TIMESTAMP_PATTERN);
                node.put("description", "a timestamp in UTC without zone, e.g. 2021-07-12T10:43:32.805814");
            }
            case "timestamptz" -> {
                node.set("type", types("string", nullable));
                node.put("format", "date-time");
            }
            case "json", "jsonb" -> node.put("description", "a JSON value (object, array or scalar) as stored");
            default -> node.set("type", types("string", nullable));
        }
    }

    private ObjectNode customField(CustomFieldDefinition f) {
        ObjectNode node = json.createObjectNode();
        node.put("description", "custom field" + (f.label() == null ? "" : ": " + f.label()));
        node.put("x-custom-field", true);
        switch (f.type()) {
            case STRING -> node.set("type", types("string", true));
            case NUMBER -> node.set("type", types("number", true));
            case BOOLEAN -> node.set("type", types("boolean", true));
            case DATE -> {
                node.set("type", types("string", true));
                node.put("format", "date");
            }
            case SELECT -> {
                node.set("type", types("string", true));
                ArrayNode values = node.putArray("enum");
                f.options().forEach(values::add);
                values.addNull();
            }
            case MULTISELECT -> {
                node.set("type", types("array", true));
                ArrayNode values = node.putObject("items").putArray("enum");
                f.options().forEach(values::add);
            }
        }
        return node;
    }

    /** "type": "string", or ["string", "null"] where the value may be null. */
    private JsonNode types(String type, boolean nullable) {
        return nullable ? json.createArrayNode().add(type).add("null") : TextNode.valueOf(type);
    }
}
