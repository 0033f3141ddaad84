package io.datadump.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.db.Jdbc;
import io.datadump.dump.DumpRun;
import io.datadump.dump.TableFile;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.CustomFields;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/datadump/<table>/schema}: the JSON Schema of one row of the table for the caller's account, with the
 * custom fields of the chosen dump (current by default). Its ETag is the {@code schema_sha256} of the manifest.
 */
public final class SchemaController {
    private final Authenticator auth;
    private final DumpSelector selector;
    private final DumpController dumps;
    private final TableCatalog catalog;
    private final CustomFields customFields;
    private final RowSchemas schemas;
    private final Jdbc jdbc;
    private final JsonResponses responses;

    public SchemaController(
            Authenticator auth,
            DumpSelector selector,
            DumpController dumps,
            TableCatalog catalog,
            CustomFields customFields,
            RowSchemas schemas,
            Jdbc jdbc,
            JsonResponses responses) {
        this.auth = auth;
        this.selector = selector;
        this.dumps = dumps;
        this.catalog = catalog;
        this.customFields = customFields;
        this.schemas = schemas;
        this.jdbc = jdbc;
        this.responses = responses;
    }

    void schema(Context ctx) {
        QueryParams.allowOnly(ctx, "dump", "date");
        Authenticator.Caller caller = auth.authenticate(ctx);
        String table = dumps.knownTable(ctx);
        DumpRun run = selector.select(caller, ctx);
        TableDefinition def = catalog.get(table);
        List<String> dumped = run.manifest()
                .orElseThrow()
                .table(table)
                .map(TableFile::customFields)
                .orElse(List.of());
        Map<String, CustomFieldDefinition> defined = customFields
                .list(caller.account().id(), table)
                .stream()
                .collect(Collectors.toMap(CustomFieldDefinition::name, Function.identity()));
        List<CustomFieldDefinition> fields =
                dumped.stream().filter(defined::containsKey).map(defined::get).toList();
        List<TableCatalog.Column> columns = jdbc.withHandle(h -> catalog.columns(h.connection(), table));
        ObjectNode schema = schemas.schema(table, def.label(), columns, fields);
        ctx.header("ETag", "\"" + schemas.sha256(schema) + "\"");
        ctx.header("Cache-Control", "private, no-cache");
        responses.send(ctx, 200, schema, "application/schema+json");
    }
}
