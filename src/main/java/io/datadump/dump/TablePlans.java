package io.datadump.dump;

import io.datadump.db.Handle;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.CustomFields;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a dump of one account writes for each table of the catalog: the query, a row's keys (built-in, then the
 * account's custom fields) and the hash of the row's JSON Schema. Read on the dump's own connection, inside its
 * snapshot, so the custom fields are those the rows were read with.
 */
public final class TablePlans {
    /** One table's part of a dump. */
    public record TablePlan(
            TableDefinition table,
            String sql,
            List<String> keys,
            List<CustomFieldDefinition> customFields,
            String schemaSha256,
            List<Handle.ColumnInfo> output) {}

    private final TableCatalog catalog;
    private final RowSchemas schemas;
    /**
     * The PostgreSQL types of a table's query output, by table and number of custom fields: the same for every
     * account (a custom field is always its column's type), so the server describes each shape once rather than 26
     * queries on every dump, a round trip each. Catalog columns are cached for the process the same way.
     */
    private final Map<String, List<String>> outputTypes = new ConcurrentHashMap<>();

    public TablePlans(TableCatalog catalog, RowSchemas schemas) {
        this.catalog = catalog;
        this.schemas = schemas;
    }

    /** The catalog the tables are planned from. */
    TableCatalog catalog() {
        return catalog;
    }

    List<TablePlan> plan(Handle handle, long accountId) throws SQLException {
        Map<String, List<CustomFieldDefinition>> fieldsByEntity = catalog.customFields(handle, accountId);
        List<TablePlan> plans = new ArrayList<>();
        for (TableDefinition table : catalog.all()) {
            List<CustomFieldDefinition> fields =
                    table.customFields() ? fieldsByEntity.getOrDefault(table.name(), List.of()) : List.of();
            List<String> fieldNames =
                    fields.stream().map(CustomFieldDefinition::name).toList();
            List<TableCatalog.Column> columns = catalog.columns(handle.connection(), table.name());
            List<String> keys = new ArrayList<>(
                    columns.stream().map(TableCatalog.Column::name).toList());
            for (String field : fieldNames) {
                Optional<String> why = CustomFields.whyInvalid(table.name(), field, keys);
                if (why.isPresent()) throw new DumpException("account " + accountId + ": " + why.get());
            }
            keys.addAll(fieldNames);
            String schemaSha = schemas.sha256(schemas.schema(table.name(), table.label(), columns, fields));
            String sql = table.dumpSql(keys.subList(0, columns.size()), fieldNames, accountId);
            List<String> types = outputTypes.get(table.name() + "/" + fieldNames.size());
            if (types == null) {
                types = handle.columnsOf(sql).stream()
                        .map(Handle.ColumnInfo::type)
                        .toList();
                outputTypes.put(table.name() + "/" + fieldNames.size(), types);
            }
            List<Handle.ColumnInfo> output = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) output.add(new Handle.ColumnInfo(keys.get(i), types.get(i)));
            plans.add(new TablePlan(table, sql, List.copyOf(keys), fields, schemaSha, List.copyOf(output)));
        }
        return plans;
    }
}
