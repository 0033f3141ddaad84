package io.datadump.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.access.TableSchemas;
import io.datadump.dump.DumpRun;
import io.javalin.http.Context;

/**
 * {@code GET /v1/datadump/<table>/schema}: the JSON Schema of one row of the table for the caller's account, with the
 * custom fields of the chosen dump (current by default). Its ETag is the {@code schema_sha256} of the manifest.
 */
public final class SchemaController {
    private final Authenticator auth;
    private final DumpSelector selector;
    private final TableRequests tables;
    private final TableSchemas schemas;
    private final JsonResponses responses;

    public SchemaController(
            Authenticator auth,
            DumpSelector selector,
            TableRequests tables,
            TableSchemas schemas,
            JsonResponses responses) {
        this.auth = auth;
        this.selector = selector;
        this.tables = tables;
        this.schemas = schemas;
        this.responses = responses;
    }

    void schema(Context ctx) {
        QueryParams.allowOnly(ctx, "dump", "date");
        Authenticator.Caller caller = auth.authenticate(ctx);
        String table = tables.knownTable(ctx);
        DumpRun run = selector.select(caller, ctx);
        ObjectNode schema = schemas.of(run, caller.account().id(), table);
        ctx.header("ETag", "\"" + schemas.sha256(schema) + "\"");
        ctx.header("Cache-Control", "private, no-cache");
        responses.send(ctx, 200, schema, "application/schema+json");
    }
}
