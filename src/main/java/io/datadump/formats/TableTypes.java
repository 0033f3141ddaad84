package io.datadump.formats;

import io.datadump.db.Jdbc;
import io.datadump.dump.DumpRun;
import io.datadump.schema.ColumnType;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.CustomFields;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TypedColumn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The type of every key of a dump's table, as the typed formats write them: built-in columns as the source describes
 * the table's query (the same description the JSON Schema comes from), custom fields as the dump's manifest recorded
 * their definitions. A key neither knows (in a dump from before definitions were recorded, a custom field deleted since)
 * is a JSON value, which holds anything.
 */
final class TableTypes {
    private final Jdbc source;
    private final TableCatalog catalog;
    private final CustomFields customFields;

    TableTypes(Jdbc source, TableCatalog catalog, CustomFields customFields) {
        this.source = source;
        this.catalog = catalog;
        this.customFields = customFields;
    }

    /** The {@code columns} of {@code table} in {@code run}, typed, in their order. */
    List<TypedColumn> of(DumpRun run, String table, List<String> columns) {
        Map<String, TypedColumn> known = new HashMap<>();
        for (TableCatalog.Column c : source.withHandle(h -> catalog.columns(h.connection(), table))) {
            known.put(
                    c.name(),
                    new TypedColumn(c.name(), ColumnType.ofPostgres(c.type(), c.precision(), c.scale()), c.nullable()));
        }
        if (catalog.get(table).customFields()) {
            List<CustomFieldDefinition> fields = run.manifest()
                    .flatMap(m -> m.table(table))
                    .map(f -> f.fieldDefinitions(() -> customFields.list(run.accountId(), table)))
                    .orElse(List.of());
            for (CustomFieldDefinition f : fields) {
                known.putIfAbsent(f.name(), new TypedColumn(f.name(), ColumnType.ofCustomField(f.type()), true));
            }
        }
        return columns.stream()
                .map(name -> known.getOrDefault(name, new TypedColumn(name, ColumnType.of(ColumnType.Kind.JSON), true)))
                .toList();
    }

    /** Every column as text, for the formats that write values as the dump wrote them. */
    static List<TypedColumn> untyped(List<String> columns) {
        return columns.stream()
                .map(name -> new TypedColumn(name, ColumnType.of(ColumnType.Kind.JSON), true))
                .toList();
    }
}
