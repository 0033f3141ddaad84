package io.datadump.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.formats.Format;
import io.datadump.schema.RowSchemas;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3.1 description of the public API: security schemes for the X-API-KEY header, the api_key parameter and
 * Bearer; every path with its parameters, answers and error body; a row schema per table (the built-in keys; the
 * account's custom fields are additional properties). Built from the same catalog and column types as the dump.
 */
final class OpenApiDocument {
    private static final List<String> AUTH_ERRORS = List.of("400", "401", "403", "404");

    private final ObjectMapper json;

    OpenApiDocument(ObjectMapper json) {
        this.json = json;
    }

    /** The document; {@code columns} are each table's built-in columns, in the catalog's order. */
    ObjectNode build(TableCatalog catalog, Map<String, List<TableCatalog.Column>> columns, RowSchemas schemas) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "datadump");
        info.put("version", "1");
        info.put(
                "description",
                "A complete, daily, machine-readable copy of a tenant's CRM data: one file per table,"
                        + " in JSON, NDJSON or CSV, with history, a changes feed and a JSON Schema per table.");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode components = doc.putObject("components");
        ObjectNode security = components.putObject("securitySchemes");
        security.set("apiKeyHeader", apiKey("header", "X-API-KEY"));
        security.set("apiKeyQuery", apiKey("query", "api_key"));
        security.putObject("bearer").put("type", "http").put("scheme", "bearer");
        ArrayNode anyKey = doc.putArray("security");
        anyKey.addObject().putArray("apiKeyHeader");
        anyKey.addObject().putArray("apiKeyQuery");
        anyKey.addObject().putArray("bearer");

        ObjectNode s = components.putObject("schemas");
        bodies(s);
        ArrayNode tableNames = json.createArrayNode();
        for (TableDefinition t : catalog.all()) {
            tableNames.add(t.name());
            ObjectNode row = schemas.schema(t.name(), t.label(), columns.get(t.name()), List.of());
            row.remove("$schema");
            row.putObject("additionalProperties").put("description", "the account's custom fields");
            s.set("Row_" + t.name(), row);
        }

        ObjectNode paths = doc.putObject("paths");
        ObjectNode health = op(paths, "/health", "get", "Liveness and database reachability", false);
        response(health, "200", "the service and its database answer", "Health");
        response(health, "503", "the database does not answer", "Health");

        ObjectNode index = op(
                paths,
                "/v1/datadump",
                "get",
                "The index of a dump: every table with rows, sizes,"
                        + " checksums, custom fields, changes since the previous dump and schema hash",
                true);
        selectionParams(index);
        response(index, "200", "the dump's index", "DumpIndex");
        errors(index, AUTH_ERRORS);

        ObjectNode history = op(paths, "/v1/datadump/dumps", "get", "The retained dumps, newest first", true);
        response(history, "200", "the retained dumps", "History");
        errors(history, List.of("400", "401", "403"));

        ObjectNode table = op(
                paths,
                "/v1/datadump/{table}",
                "get",
                "A redirect to a signed, expiring link of the table's file in the chosen format",
                true);
        tableParam(table, tableNames);
        selectionParams(table);
        param(
                table,
                "format",
                "query",
                false,
                enumSchema(Format.keys()),
                "json (default), ndjson, csv (RFC 4180) or csv-excel (BOM, semicolons, decimal comma); also from Accept");
        param(
                table,
                "columns",
                "query",
                false,
                json.createObjectNode().put("type", "string"),
                "only these keys, comma-separated, in this order");
        param(
                table,
                "redirect",
                "query",
                false,
                enumSchema(List.of("true", "false")),
                "false: answer 200 with the link instead of redirecting");
        ObjectNode found = table.withObjectProperty("responses").putObject("302");
        found.put("description", "the signed link, valid for DATADUMP_URL_TTL_SECONDS");
        found.putObject("headers").putObject("Location").putObject("schema").put("type", "string");
        response(table, "200", "with redirect=false: the link", "Link");
        errors(table, AUTH_ERRORS);

        ObjectNode changes = op(
                paths,
                "/v1/datadump/{table}/changes",
                "get",
                "Rows added or changed (upsert) and deleted since an earlier dump, as NDJSON",
                true);
        tableParam(changes, tableNames);
        param(
                changes,
                "since",
                "query",
                true,
                json.createObjectNode().put("type", "string"),
                "a retained dump's id, or a date (YYYY-MM-DD)");
        selectionParams(changes);
        changes.withObjectProperty("responses")
                .putObject("200")
                .put("description", "one change per line")
                .putObject("content")
                .putObject("application/x-ndjson")
                .putObject("schema")
                .put("$ref", "#/components/schemas/Change");
        errors(changes, List.of("400", "401", "403", "404", "410"));

        ObjectNode schema = op(
                paths,
                "/v1/datadump/{table}/schema",
                "get",
                "The JSON Schema (draft 2020-12) of one row of the table for the caller's account",
                true);
        tableParam(schema, tableNames);
        selectionParams(schema);
        schema.withObjectProperty("responses")
                .putObject("200")
                .put("description", "the schema; its ETag is the manifest's" + " schema_sha256")
                .putObject("content")
                .putObject("application/schema+json")
                .putObject("schema")
                .put("type", "object");
        errors(schema, AUTH_ERRORS);

        ObjectNode runs = op(paths, "/v1/datadump/runs", "post", "Start a dump of the caller's account now", true);
        response(runs, "202", "queued; follow it at status_url", "RunQueued");
        errors(runs, List.of("401", "403", "409", "429"));

        ObjectNode run = op(paths, "/v1/datadump/runs/{id}", "get", "A run's status", true);
        param(run, "id", "path", true, json.createObjectNode().put("type", "integer"), "the run id");
        response(run, "200", "the run", "RunState");
        errors(run, AUTH_ERRORS);

        ObjectNode file = op(
                paths,
                "/v1/files/{key}",
                "get",
                "A file, through the signed link a table request answered; needs no key",
                false);
        param(file, "key", "path", true, json.createObjectNode().put("type", "string"), "the file's path");
        param(file, "expires", "query", true, json.createObjectNode().put("type", "integer"), "seconds since 1970");
        param(file, "signature", "query", true, json.createObjectNode().put("type", "string"), "HMAC-SHA256, hex");
        ObjectNode ok = file.withObjectProperty("responses").putObject("200");
        ok.put(
                "description",
                "the file; ETag is its SHA-256; gzip files are sent compressed to clients that accept it");
        ObjectNode content = ok.putObject("content");
        content.putObject("application/json").putObject("schema").put("type", "array");
        content.putObject("application/x-ndjson").putObject("schema").put("type", "string");
        content.putObject("text/csv").putObject("schema").put("type", "string");
        file.withObjectProperty("responses").putObject("206").put("description", "the requested byte range");
        file.withObjectProperty("responses").putObject("304").put("description", "not modified (If-None-Match)");
        errors(file, List.of("403", "404", "410", "416"));

        ObjectNode openapi = op(paths, "/v1/openapi.json", "get", "This document", false);
        openapi.withObjectProperty("responses")
                .putObject("200")
                .put("description", "OpenAPI 3.1")
                .putObject("content")
                .putObject("application/json")
                .putObject("schema")
                .put("type", "object");
        return doc;
    }

    private void bodies(ObjectNode s) {
        ObjectNode error = object(s, "Error", "error", "message", "errors");
        props(error).set("error", type("string"));
        props(error).set("message", type("string"));
        props(error).set("errors", json.createObjectNode().put("type", "array").set("items", type("string")));
        props(error).set("tables", json.createObjectNode().put("type", "array").set("items", type("string")));
        props(error).set("allowed", json.createObjectNode().put("type", "array").set("items", type("string")));
        props(error).set("oldest_retained", ref("DumpRef"));
        props(error).set("next_dump_at", type("string"));
        props(error).set("retry_after_seconds", type("integer"));
        ObjectNode dumpRef = object(s, "DumpRef", "dump_id", "date");
        props(dumpRef).set("dump_id", type("integer"));
        props(dumpRef).set("date", type("string").put("format", "date"));

        ObjectNode changes = object(s, "TableChanges", "since_dump_id", "added", "changed", "deleted");
        for (String f : List.of("since_dump_id", "added", "changed", "deleted"))
            props(changes).set(f, type("integer"));

        ObjectNode indexed = object(
                s,
                "IndexedTable",
                "name",
                "label",
                "rows",
                "bytes",
                "sha256",
                "json_bytes",
                "json_sha256",
                "custom_fields",
                "path");
        for (String f : List.of("name", "label", "sha256", "json_sha256", "path", "schema_sha256")) {
            props(indexed).set(f, type("string"));
        }
        for (String f : List.of("rows", "bytes", "json_bytes")) props(indexed).set(f, type("integer"));
        props(indexed)
                .set(
                        "custom_fields",
                        json.createObjectNode().put("type", "array").set("items", type("string")));
        props(indexed).set("changes", ref("TableChanges"));

        ObjectNode index = object(
                s,
                "DumpIndex",
                "account_id",
                "dump_id",
                "date",
                "started_at",
                "snapshot_at",
                "finished_at",
                "gzip",
                "tables");
        props(index).set("account_id", type("integer"));
        props(index).set("dump_id", type("integer"));
        props(index).set("date", type("string").put("format", "date"));
        for (String f : List.of("started_at", "snapshot_at", "finished_at"))
            props(index).set(f, type("string"));
        props(index).set("gzip", type("boolean"));
        props(index).set("tables", json.createObjectNode().put("type", "array").set("items", ref("IndexedTable")));

        ObjectNode historyTable = object(s, "HistoryTable", "name", "rows", "sha256");
        props(historyTable).set("name", type("string"));
        props(historyTable).set("rows", type("integer"));
        props(historyTable).set("sha256", type("string"));
        ObjectNode entry =
                object(s, "HistoryEntry", "dump_id", "date", "started_at", "snapshot_at", "finished_at", "tables");
        props(entry).set("dump_id", type("integer"));
        props(entry).set("date", type("string").put("format", "date"));
        for (String f : List.of("started_at", "snapshot_at", "finished_at"))
            props(entry).set(f, type("string"));
        props(entry).set("tables", json.createObjectNode().put("type", "array").set("items", ref("HistoryTable")));
        ObjectNode history = object(s, "History", "account_id", "dumps");
        props(history).set("account_id", type("integer"));
        props(history).set("dumps", json.createObjectNode().put("type", "array").set("items", ref("HistoryEntry")));

        ObjectNode link = object(s, "Link", "url", "expires_at", "format", "bytes", "sha256");
        props(link).set("url", type("string"));
        props(link).set("expires_at", type("string").put("format", "date-time"));
        props(link).set("format", enumSchema(Format.keys()));
        props(link).set("bytes", type("integer"));
        props(link).set("sha256", type("string"));

        List<String> statuses = List.of("queued", "running", "published", "failed", "pruned");
        ObjectNode queued = object(s, "RunQueued", "run_id", "status", "status_url");
        props(queued).set("run_id", type("integer"));
        props(queued).set("status", enumSchema(statuses));
        props(queued).set("status_url", type("string"));
        ObjectNode state = object(s, "RunState", "run_id", "status", "trigger", "started_at");
        props(state).set("run_id", type("integer"));
        props(state).set("status", enumSchema(statuses));
        props(state).set("trigger", enumSchema(List.of("schedule", "api", "cli", "bench")));
        props(state).set("started_at", type("string"));
        props(state).set("finished_at", nullable("string"));
        props(state).set("rows", nullable("integer"));
        props(state).set("bytes", nullable("integer"));
        props(state).set("error", nullable("string"));

        ObjectNode health = object(s, "Health", "status", "database");
        props(health).set("status", enumSchema(List.of("ok", "unavailable")));
        props(health).set("database", enumSchema(List.of("ok", "unreachable")));

        ObjectNode change = object(s, "Change", "op");
        props(change).set("op", enumSchema(List.of("upsert", "delete")));
        props(change).set("row", type("object"));
        props(change).set("id", json.createObjectNode());
    }

    private ObjectNode op(ObjectNode paths, String path, String method, String summary, boolean keyed) {
        ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        ObjectNode op = item.putObject(method);
        op.put("summary", summary);
        op.put("operationId", (method + path).replaceAll("[^A-Za-z0-9]+", "_"));
        if (!keyed) op.putArray("security").addObject(); // {}: no key
        op.putObject("responses");
        return op;
    }

    private void selectionParams(ObjectNode op) {
        param(op, "dump", "query", false, type("integer"), "a retained dump's id (default: the current dump)");
        param(
                op,
                "date",
                "query",
                false,
                type("string").put("format", "date"),
                "the newest dump of that day in the account's time zone");
    }

    private void tableParam(ObjectNode op, ArrayNode tableNames) {
        param(op, "table", "path", true, json.createObjectNode().set("enum", tableNames), "a table of the dump");
    }

    private void param(ObjectNode op, String name, String in, boolean required, ObjectNode schema, String description) {
        ObjectNode p = op.withArrayProperty("parameters").addObject();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        p.put("description", description);
        p.set("schema", schema);
    }

    private void response(ObjectNode op, String status, String description, String schema) {
        ObjectNode r = op.withObjectProperty("responses").putObject(status);
        r.put("description", description);
        r.putObject("content").putObject("application/json").set("schema", ref(schema));
    }

    private void errors(ObjectNode op, List<String> statuses) {
        for (String status : statuses) response(op, status, "an error; error is a stable code", "Error");
    }

    private ObjectNode object(ObjectNode schemas, String name, String... required) {
        ObjectNode o = schemas.putObject(name);
        o.put("type", "object");
        o.putObject("properties");
        ArrayNode r = o.putArray("required");
        for (String f : required) r.add(f);
        return o;
    }

    private static ObjectNode props(ObjectNode object) {
        return (ObjectNode) object.get("properties");
    }

    private ObjectNode type(String type) {
        return json.createObjectNode().put("type", type);
    }

    private ObjectNode nullable(String type) {
        ObjectNode n = json.createObjectNode();
        n.putArray("type").add(type).add("null");
        return n;
    }

    private ObjectNode ref(String schema) {
        return json.createObjectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private ObjectNode enumSchema(List<String> values) {
        ObjectNode n = type("string");
        ArrayNode e = n.putArray("enum");
        values.forEach(e::add);
        return n;
    }

    private ObjectNode apiKey(String in, String name) {
        return json.createObjectNode().put("type", "apiKey").put("in", in).put("name", name);
    }
}
