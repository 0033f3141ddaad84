package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.access.ErrorBody;
import io.datadump.access.TableLinks;
import io.datadump.dump.DumpRun;
import io.datadump.dump.Manifest;
import io.datadump.dump.Retention;
import io.datadump.dump.TableFile;
import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/datadump}: a dump's index; {@code GET /v1/datadump/dumps}: the retained dumps; {@code GET
 * /v1/datadump/<table>}: a redirect to a signed, expiring link of the table in the requested format and columns (a
 * presigned storage URL where storage offers one, else {@code /v1/files/…}), or with {@code redirect=false} the link
 * itself.
 */
public final class DumpController {
    private final Authenticator auth;
    private final DumpSelector selector;
    private final TableCatalog catalog;
    private final Representations representations;
    private final TableLinks links;
    private final JsonResponses responses;

    public DumpController(
            Authenticator auth,
            DumpSelector selector,
            TableCatalog catalog,
            Representations representations,
            TableLinks links,
            JsonResponses responses) {
        this.auth = auth;
        this.selector = selector;
        this.catalog = catalog;
        this.representations = representations;
        this.links = links;
        this.responses = responses;
    }

    void index(Context ctx) {
        QueryParams.allowOnly(ctx, "dump", "date");
        Authenticator.Caller caller = auth.authenticate(ctx);
        DumpRun run = selector.select(caller, ctx);
        Manifest m = run.manifest().orElseThrow();
        var tables = m.tables().stream()
                .map(t -> new ResponseBodies.IndexedTable(
                        t.name(),
                        catalog.find(t.name()).map(TableDefinition::label).orElse(t.name()),
                        t.rows(),
                        t.bytes(),
                        t.sha256(),
                        t.jsonBytes(),
                        t.jsonSha256(),
                        t.customFields(),
                        "/v1/datadump/" + t.name(),
                        t.changes(),
                        t.schemaSha256()))
                .toList();
        ctx.header("Cache-Control", "no-store");
        responses.send(
                ctx,
                200,
                new ResponseBodies.DumpIndex(
                        caller.account().id(),
                        run.id(),
                        Retention.day(run, caller.account().timeZone()).toString(),
                        m.startedAt(),
                        m.snapshotAt(),
                        m.finishedAt(),
                        m.gzip(),
                        tables));
    }

    void history(Context ctx) {
        QueryParams.allowOnly(ctx);
        Authenticator.Caller caller = auth.authenticate(ctx);
        var dumps = selector.retained(caller.account()).stream()
                .map(r -> {
                    Manifest m = r.manifest().orElseThrow();
                    return new ResponseBodies.HistoryEntry(
                            r.id(),
                            Retention.day(r, caller.account().timeZone()).toString(),
                            m.startedAt(),
                            m.snapshotAt(),
                            m.finishedAt(),
                            m.tables().stream()
                                    .map(t -> new ResponseBodies.HistoryTable(t.name(), t.rows(), t.jsonSha256()))
                                    .toList());
                })
                .toList();
        ctx.header("Cache-Control", "no-store");
        responses.send(ctx, 200, new ResponseBodies.History(caller.account().id(), dumps));
    }

    void table(Context ctx) {
        QueryParams.allowOnly(ctx, "dump", "date", "format", "columns", "redirect");
        Authenticator.Caller caller = auth.authenticate(ctx);
        String table = knownTable(ctx);
        Format format = format(ctx);
        boolean redirect = redirect(ctx);
        DumpRun run = selector.select(caller, ctx);
        TableFile file = run.manifest()
                .orElseThrow()
                .table(table)
                .orElseThrow(() -> new ApiException(
                        404,
                        "table_not_in_dump",
                        "the chosen dump has no file for '" + table + "'; it appears with the next dump"));
        List<String> columns = columns(ctx, representations.keysOf(file));
        TableLinks.Link link = links.issue(
                run,
                file,
                format,
                columns,
                new TableLinks.Requester(
                        caller.principal().keyId(), ctx.req().getRemoteAddr(), ctx.header("User-Agent")));
        String location = link.location();
        Representations.Representation rep = link.representation();
        Instant expires = link.expires();
        ctx.header("Cache-Control", "no-store");
        if (!redirect) {
            responses.send(
                    ctx,
                    200,
                    new ResponseBodies.Link(
                            location, expires.toString(), format.key(), rep.plainBytes(), rep.plainSha256()));
            return;
        }
        ctx.header("Location", location);
        responses.send(ctx, 302, new ResponseBodies.Redirect(location));
    }

    /** The path's table, which must be one of the catalog's. */
    String knownTable(Context ctx) {
        String table = ctx.pathParam("table");
        if (catalog.find(table).isEmpty()) {
            throw new ApiException(
                    404,
                    ErrorBody.of(
                                    "unknown_table",
                                    "there is no table '" + Printable.of(table) + "'; use one of the listed tables")
                            .withTables(catalog.names()));
        }
        return table;
    }

    private static Format format(Context ctx) {
        return QueryParams.get(ctx, "format")
                .map(f -> Format.parse(f)
                        .orElseThrow(() -> new ApiException(
                                400,
                                ErrorBody.of(
                                                "invalid_format",
                                                "there is no format '" + Printable.of(f) + "'; use one of "
                                                        + String.join(", ", Format.keys()))
                                        .withAllowed(Format.keys()))))
                .or(() -> Format.fromAccept(ctx.header("Accept")))
                .orElse(Format.JSON);
    }

    /** ?columns=a,b,c: those keys in that order (each once); without it, every key in the table's order. */
    private static List<String> columns(Context ctx, List<String> keys) {
        var requested = QueryParams.get(ctx, "columns");
        if (requested.isEmpty()) return keys;
        Set<String> chosen = new LinkedHashSet<>();
        for (String c : requested.get().split(",")) {
            String name = c.strip();
            if (name.isEmpty()) continue;
            if (!keys.contains(name)) {
                throw new ApiException(
                        400,
                        ErrorBody.of(
                                        "invalid_columns",
                                        "the table has no key '" + Printable.of(name)
                                                + "'; use any of its keys, separated by commas")
                                .withAllowed(keys));
            }
            chosen.add(name);
        }
        if (chosen.isEmpty())
            throw new ApiException(
                    400,
                    ErrorBody.of("invalid_columns", "name at least one key").withAllowed(keys));
        return List.copyOf(chosen);
    }

    private static boolean redirect(Context ctx) {
        return QueryParams.get(ctx, "redirect")
                .map(v -> switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default ->
                        throw new ApiException(
                                400,
                                ErrorBody.of("invalid_parameter", "redirect is true or false")
                                        .withAllowed(List.of("true", "false")));
                })
                .orElse(true);
    }
}
