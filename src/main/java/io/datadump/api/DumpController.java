package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.access.TableLinks;
import io.datadump.dump.DumpRun;
import io.datadump.dump.Manifest;
import io.datadump.dump.Retention;
import io.datadump.dump.TableFile;
import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.datadump.wire.ApiBodies;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

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
    private final TableRequests tables;
    private final Representations representations;
    private final TableLinks links;
    private final JsonResponses responses;

    public DumpController(
            Authenticator auth,
            DumpSelector selector,
            TableCatalog catalog,
            TableRequests tables,
            Representations representations,
            TableLinks links,
            JsonResponses responses) {
        this.auth = auth;
        this.selector = selector;
        this.catalog = catalog;
        this.tables = tables;
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
                .map(t -> new ApiBodies.IndexedTable(
                        t.name(),
                        catalog.find(t.name()).map(TableDefinition::label).orElse(t.name()),
                        t.rows(),
                        t.bytes(),
                        t.sha256(),
                        t.jsonBytes(),
                        t.jsonSha256(),
                        t.customFields(),
                        "/v1/datadump/" + t.name(),
                        changes(t.changes()),
                        t.schemaSha256()))
                .toList();
        ctx.header("Cache-Control", "no-store");
        responses.send(
                ctx,
                200,
                new ApiBodies.DumpIndex(
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
                    return new ApiBodies.HistoryEntry(
                            r.id(),
                            Retention.day(r, caller.account().timeZone()).toString(),
                            m.startedAt(),
                            m.snapshotAt(),
                            m.finishedAt(),
                            m.tables().stream()
                                    .map(t -> new ApiBodies.HistoryTable(t.name(), t.rows(), t.jsonSha256()))
                                    .toList());
                })
                .toList();
        ctx.header("Cache-Control", "no-store");
        responses.send(ctx, 200, new ApiBodies.History(caller.account().id(), dumps));
    }

    void table(Context ctx) {
        QueryParams.allowOnly(ctx, "dump", "date", "format", "columns", "redirect");
        Authenticator.Caller caller = auth.authenticate(ctx);
        TableRequests.TableRequest request = tables.table(ctx);
        String table = request.table();
        Format format = request.format();
        DumpRun run = selector.select(caller, ctx);
        TableFile file = run.manifest()
                .orElseThrow()
                .table(table)
                .orElseThrow(() -> new ApiException(
                        404,
                        "table_not_in_dump",
                        "the chosen dump has no file for '" + table + "'; it appears with the next dump"));
        List<String> columns = request.columnsOf(representations.keysOf(file));
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
        if (!request.redirect()) {
            responses.send(
                    ctx,
                    200,
                    new ApiBodies.Link(
                            location, expires.toString(), format.key(), rep.plainBytes(), rep.plainSha256()));
            return;
        }
        ctx.header("Location", location);
        responses.send(ctx, 302, new ApiBodies.Redirect(location));
    }

    private static ApiBodies.TableChanges changes(TableFile.TableChanges c) {
        return c == null ? null : new ApiBodies.TableChanges(c.sinceDumpId(), c.added(), c.changed(), c.deleted());
    }
}
