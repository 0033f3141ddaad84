package io.datadump.api;

import io.datadump.accounts.Account;
import io.datadump.dump.DumpRun;
import io.datadump.dump.Manifest;
import io.datadump.dump.TableFile;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.datadump.storage.Storage;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;

/**
 * {@code GET /v1/datadump}: the caller's current dump; {@code GET /v1/datadump/<table>}: a redirect to a signed,
 * expiring link of that table's file (a presigned storage URL where storage offers one, else {@code /v1/files/…}).
 */
public final class DumpController {
    private final Authenticator auth;
    private final TableCatalog catalog;
    private final Storage storage;
    private final UrlSigner signer;
    private final ApiSettings settings;
    private final Function<Account, Instant> nextDumpAt;
    private final JsonResponses responses;
    private final Clock clock;

    public DumpController(
            Authenticator auth,
            TableCatalog catalog,
            Storage storage,
            UrlSigner signer,
            ApiSettings settings,
            Function<Account, Instant> nextDumpAt,
            JsonResponses responses,
            Clock clock) {
        this.auth = auth;
        this.catalog = catalog;
        this.storage = storage;
        this.signer = signer;
        this.settings = settings;
        this.nextDumpAt = nextDumpAt;
        this.responses = responses;
        this.clock = clock;
    }

    void index(Context ctx) {
        Authenticator.Caller caller = auth.authenticate(ctx);
        DumpRun run = currentDump(caller);
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
                        "/v1/datadump/" + t.name()))
                .toList();
        ctx.header("Cache-Control", "no-store");
        responses.send(
                ctx,
                200,
                new ResponseBodies.DumpIndex(
                        caller.account().id(),
                        run.id(),
                        m.startedAt(),
                        m.snapshotAt(),
                        m.finishedAt(),
                        m.gzip(),
                        tables));
    }

    void table(Context ctx) {
        Authenticator.Caller caller = auth.authenticate(ctx);
        String table = ctx.pathParam("table");
        if (catalog.find(table).isEmpty()) {
            throw new ApiException(
                    404,
                    ErrorBody.of(
                                    "unknown_table",
                                    "there is no table '" + printable(table) + "'; use one of the listed tables")
                            .withTables(catalog.names()));
        }
        DumpRun run = currentDump(caller);
        TableFile file = run.manifest()
                .orElseThrow()
                .table(table)
                .orElseThrow(() -> new ApiException(
                        404,
                        "table_not_in_dump",
                        "the current dump has no file for '" + table + "'; it appears with the next dump"));
        String key = run.storagePrefix() + file.file();
        String location = storage.presignedGet(key, settings.urlTtl(), "application/json")
                .map(URI::toString)
                .orElseGet(() -> signedFileUrl(ctx, key));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Location", location);
        responses.send(ctx, 302, new ResponseBodies.Redirect(location));
    }

    private String signedFileUrl(Context ctx, String key) {
        long expires = clock.instant().plus(settings.urlTtl()).getEpochSecond();
        String base = settings.publicUrl().orElseGet(() -> ctx.scheme() + "://" + ctx.host());
        return base + "/v1/files/" + key + "?expires=" + expires + "&signature=" + signer.sign(key, expires);
    }

    private DumpRun currentDump(Authenticator.Caller caller) {
        Account account = caller.account();
        return caller.current().orElseThrow(() -> {
            String next = nextDumpAt
                    .apply(account)
                    .atZone(account.timeZone())
                    .toOffsetDateTime()
                    .toString();
            return new ApiException(
                    404,
                    ErrorBody.of(
                                    "no_dump_yet",
                                    "there is no dump for this account yet; the next one is scheduled for " + next)
                            .withNextDumpAt(next));
        });
    }

    /** Echoes user input safely: only plain characters, at most 64 of them. */
    private static String printable(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
