package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.dump.DumpFiles;
import io.datadump.dump.DumpRun;
import io.datadump.dump.TableDiff;
import io.datadump.dump.TableFile;
import io.datadump.wire.ChangeLines;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /v1/datadump/<table>/changes?since=<dump id or date>}: what changed in a table between an earlier dump and
 * the current one (or the one chosen with {@code dump}/{@code date}), as NDJSON: {@code {"op":"upsert","row":{…}}} for
 * each row that is new or differs, {@code {"op":"delete","id":…}} for each row that is gone. Computed by a streaming
 * merge of the two files (one pass over each, memory for two rows), and streamed as it is computed.
 */
public final class ChangesController {
    private final Authenticator auth;
    private final DumpSelector selector;
    private final TableRequests tables;
    private final DumpFiles files;

    public ChangesController(Authenticator auth, DumpSelector selector, TableRequests tables, DumpFiles files) {
        this.auth = auth;
        this.selector = selector;
        this.tables = tables;
        this.files = files;
    }

    void changes(Context ctx) throws IOException {
        QueryParams.allowOnly(ctx, "since", "dump", "date");
        Authenticator.Caller caller = auth.authenticate(ctx);
        String table = tables.knownTable(ctx);
        String since = QueryParams.get(ctx, "since")
                .orElseThrow(() -> new ApiException(
                        400,
                        "missing_parameter",
                        "name the dump to start from: since=<dump id> or since=<YYYY-MM-DD>"));
        DumpRun target = selector.select(caller, ctx);
        DumpRun from = selector.since(caller, since);
        if (from.isNewerThan(target)) {
            throw new ApiException(
                    400,
                    "invalid_parameter",
                    "since names dump " + from.id() + ", which is newer than dump " + target.id());
        }
        TableFile newer = target.manifest()
                .orElseThrow()
                .table(table)
                .orElseThrow(() ->
                        new ApiException(404, "table_not_in_dump", "the chosen dump has no file for '" + table + "'"));
        Optional<TableFile> older = from.manifest().orElseThrow().table(table);

        ctx.status(200);
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("X-Datadump-Since", Long.toString(from.id()));
        ctx.header("X-Datadump-Dump", Long.toString(target.id()));
        if (ctx.method() == HandlerType.HEAD) return; // the same headers, no body
        try (InputStream before = older.isPresent() ? files.openJson(from, older.get()) : emptyTable();
                InputStream after = files.openJson(target, newer);
                OutputStream out = new BufferedOutputStream(ctx.outputStream(), 1 << 16)) {
            TableDiff.diff(before, after, new TableDiff.Sink() {
                @Override
                public void upsert(byte[] row, int length) throws IOException {
                    out.write(ChangeLines.UPSERT);
                    out.write(row, 0, length); // the row exactly as dumped
                    out.write(ChangeLines.END);
                }

                @Override
                public void delete(long id) throws IOException {
                    out.write(ChangeLines.DELETE);
                    out.write(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
                    out.write(ChangeLines.END);
                }
            });
        }
    }

    private static InputStream emptyTable() {
        return new ByteArrayInputStream("[]".getBytes(StandardCharsets.US_ASCII));
    }
}
