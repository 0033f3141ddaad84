package io.datadump.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.db.Jdbc;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/openapi.json}: the API's OpenAPI 3.1 document, built once (the catalog does not change at run time). */
public final class OpenApiController {
    private final TableCatalog catalog;
    private final Jdbc jdbc;
    private final RowSchemas schemas;
    private final OpenApiDocument document;
    private final JsonResponses responses;
    private volatile ObjectNode built;

    public OpenApiController(TableCatalog catalog, Jdbc jdbc, RowSchemas schemas, JsonResponses responses) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.document = new OpenApiDocument(schemas.json());
        this.responses = responses;
    }

    void openapi(Context ctx) {
        QueryParams.allowOnly(ctx);
        ObjectNode doc = built;
        if (doc == null) {
            Map<String, List<TableCatalog.Column>> columns = new LinkedHashMap<>();
            jdbc.withHandle(h -> {
                for (TableDefinition t : catalog.all())
                    columns.put(t.name(), catalog.columns(h.connection(), t.name()));
                return null;
            });
            doc = built = document.build(catalog, columns, schemas);
        }
        ctx.header("Cache-Control", "public, max-age=300");
        responses.send(ctx, 200, doc);
    }
}
