package io.datadump.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.db.Jdbc;
import io.datadump.dump.DumpRun;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.CustomFields;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import java.util.List;

/**
 * The JSON Schema of one row of a table as a dump holds it: the built-in columns as the source describes them, then the
 * custom fields that dump carries, typed by the account's definitions. The schema endpoint and the portal show it.
 */
public final class TableSchemas {
    private final TableCatalog catalog;
    private final CustomFields customFields;
    private final RowSchemas schemas;
    private final Jdbc source;

    public TableSchemas(TableCatalog catalog, CustomFields customFields, RowSchemas schemas, Jdbc source) {
        this.catalog = catalog;
        this.customFields = customFields;
        this.schemas = schemas;
        this.source = source;
    }

    public ObjectNode of(DumpRun run, long accountId, String table) {
        TableDefinition def = catalog.get(table);
        List<CustomFieldDefinition> fields = run.manifest()
                .orElseThrow()
                .table(table)
                .map(f -> f.fieldDefinitions(() -> customFields.list(accountId, table)))
                .orElse(List.of());
        List<TableCatalog.Column> columns = source.withHandle(h -> catalog.columns(h.connection(), table));
        return schemas.schema(table, def.label(), columns, fields);
    }

    public String sha256(ObjectNode schema) {
        return schemas.sha256(schema);
    }
}
