package io.datadump.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.datadump.db.Handle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dumped table's columns as PostgreSQL columns, typed from the table's JSON Schema so that {@code row_to_json} of a
 * loaded row renders it exactly as the dump wrote it: integers, numerics that keep their scale, booleans, dates,
 * timestamps, text, arrays of ids and strings, json for nested values (kept byte for byte). Types are spelled as
 * PostgreSQL's {@code format_type} spells them, so a table's columns compare with the catalog's directly.
 */
final class SqlColumns {
    /**
     * A column: its name as the dump writes it, its PostgreSQL type, and whether it is a custom field (whose values are
     * whatever the tenant's CRM stored, which need not fit the field's type).
     */
    record Column(String name, String type, boolean custom) {
        String definition() {
            return quote(name) + " " + type;
        }

        /** Whether {@code value} (null when absent) can be held by this column as the dump wrote it. */
        boolean fits(JsonNode value) {
            if (!custom || value == null || value.isNull()) return true;
            return switch (type) {
                case "numeric" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "text" -> value.isTextual();
                case "date" -> value.isTextual() && value.asText().matches(DATE);
                default -> true; // json holds anything
            };
        }

        /** SQL true where the json value {@code v} (NULL when absent) cannot be held by this column. */
        private Optional<String> misfitSql(String v) {
            if (!custom) return Optional.empty();
            return switch (type) {
                case "numeric", "boolean", "text" -> {
                    String kind = type.equals("numeric") ? "number" : type.equals("text") ? "string" : type;
                    yield Optional.of("json_typeof(" + v + ") NOT IN ('" + kind + "', 'null')");
                }
                case "date" ->
                    Optional.of("(json_typeof(" + v + ") NOT IN ('string', 'null') OR (json_typeof(" + v
                            + ") = 'string' AND (" + v + " #>> '{}') !~ '" + DATE + "'))");
                default -> Optional.empty();
            };
        }
    }

    /** A date as a custom field of type date holds it. */
    private static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    private SqlColumns() {}

    /** The columns of a table, from its row schema's properties in order. */
    static List<Column> of(JsonNode rowSchema) {
        List<Column> columns = new ArrayList<>();
        JsonNode properties = rowSchema.path("properties");
        if (!properties.isObject() || properties.isEmpty())
            throw new BackupException("a table's schema lists no properties; is this a datadump schema?");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            var p = it.next();
            columns.add(new Column(
                    p.getKey(),
                    sqlType(p.getValue()),
                    p.getValue().path("x-custom-field").asBoolean()));
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

    /**
     * An UPDATE of a staging table's json rows ({@code stage}.{@code row}) that empties (sets to JSON null) every custom
     * field value its column cannot hold, which would otherwise fail the whole load; empty when the table has no
     * typed custom field. Parquet and xlsx write such a value as null too; the JSON files keep it.
     */
    private static Optional<String> emptyMisfits(String stage, List<Column> columns) {
        List<String> anyMisfit = new ArrayList<>();
        List<String> thisMisfit = new ArrayList<>();
        for (Column c : columns) {
            String literal = "'" + c.name().replace("'", "''") + "'";
            c.misfitSql("row -> " + literal).ifPresent(anyMisfit::add);
            c.misfitSql("e.value").ifPresent(m -> thisMisfit.add("(e.key = " + literal + " AND " + m + ")"));
        }
        if (anyMisfit.isEmpty()) return Optional.empty();
        return Optional.of("UPDATE " + stage + " SET row = (SELECT json_object_agg(e.key, CASE WHEN "
                + String.join(" OR ", thisMisfit) + " THEN NULL ELSE e.value END) FROM json_each(row) e)"
                + " WHERE row IS NOT NULL AND (" + String.join(" OR ", anyMisfit) + ")");
    }

    /** Staged rows loaded into a table, and how many of them had a custom field value emptied. */
    record Loaded(long inserted, long misfits) {}

    /**
     * Inserts the json rows of staging table {@code stage} (its column {@code row}; rows where it is null are not
     * rows) into table {@code qualified}, typed by its columns, after emptying the values they cannot hold.
     */
    static Loaded loadStaged(Handle h, String stage, String qualified, List<Column> columns) {
        long misfits = emptyMisfits(stage, columns).map(h::update).orElse(0);
        long inserted = h.update("INSERT INTO " + qualified + " SELECT r.* FROM " + stage
                + " s, json_populate_record(NULL::" + qualified + ", s.row) r WHERE s.row IS NOT NULL");
        return new Loaded(inserted, misfits);
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
