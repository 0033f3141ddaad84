package io.datadump.backup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dumped table's columns as PostgreSQL columns, typed from the table's JSON Schema so that {@code row_to_json} of a
 * loaded row renders it exactly as the dump wrote it: integers, numerics that keep their scale, booleans, dates,
 * timestamps, text, arrays of ids and strings, json for nested values (kept byte for byte). Types are spelled as
 * PostgreSQL's {@code format_type} spells them, so a table's columns compare with the catalog's directly.
 */
final class SqlColumns {
    /** A column: its name as the dump writes it, and its PostgreSQL type. */
    record Column(String name, String type) {
        String definition() {
            return quote(name) + " " + type;
        }
    }

    private SqlColumns() {}

    /** The columns of a table, from its row schema's properties in order. */
    static List<Column> of(JsonNode rowSchema) {
        List<Column> columns = new ArrayList<>();
        JsonNode properties = rowSchema.path("properties");
        if (!properties.isObject() || properties.isEmpty())
            throw new BackupException("a table's schema lists no properties; is this a datadump schema?");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            var p = it.next();
            columns.add(new Column(p.getKey(), sqlType(p.getValue())));
        }
        return columns;
    }

    /** The PostgreSQL type that renders a value exactly as the dump wrote it. */
    static String sqlType(JsonNode p) {
        Set<String> types = types(p.get("type"));
        if (types.size() != 1) return "json"; // a JSON value of any kind, kept as written
        String type = types.iterator().next();
        return switch (type) {
            case "integer" -> "bigint";
            case "number" -> "numeric"; // unconstrained numeric keeps each value's scale: 500000.00 stays so
            case "boolean" -> "boolean";
            case "string" ->
                p.has("format") && p.get("format").asText().equals("date")
                        ? "date"
                        : p.has("format") && p.get("format").asText().equals("date-time")
                                ? "timestamp with time zone"
                                : p.has("pattern") ? "timestamp without time zone" : "text";
            case "array" -> {
                if (p.path("x-custom-field").asBoolean()) yield "json"; // stored as jsonb: keep its text
                String item = p.has("items") ? sqlType(p.get("items")) : "json";
                yield item.equals("json") ? "json" : item + "[]";
            }
            default -> "json";
        };
    }

    /** The column list of a CREATE TABLE. */
    static String definitions(List<Column> columns) {
        return String.join(", ", columns.stream().map(Column::definition).toList());
    }

    /** The columns' names, quoted, for a select list. */
    static String selectList(List<Column> columns) {
        return String.join(", ", columns.stream().map(c -> quote(c.name())).toList());
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static Set<String> types(JsonNode type) {
        Set<String> out = new TreeSet<>();
        if (type == null) return out;
        if (type.isTextual()) out.add(type.asText());
        else type.forEach(t -> out.add(t.asText()));
        out.remove("null");
        return out;
    }
}
