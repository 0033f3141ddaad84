package io.datadump.portal;

import io.datadump.access.TableLinks;
import io.datadump.accounts.Account;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.TableFile;
import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import io.datadump.schema.TableCatalog;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The download buttons, each a signed and audited link, and the snippets for one table. */
public final class DownloadPages {
    private final SignedIn signedIn;
    private final DumpRuns runs;
    private final TableLinks links;
    private final Representations representations;
    private final TableCatalog catalog;
    private final Pages pages;
    private final Optional<String> publicUrl;

    public DownloadPages(
            SignedIn signedIn,
            DumpRuns runs,
            TableLinks links,
            Representations representations,
            TableCatalog catalog,
            Pages pages,
            Optional<String> publicUrl) {
        this.signedIn = signedIn;
        this.runs = runs;
        this.links = links;
        this.representations = representations;
        this.catalog = catalog;
        this.pages = pages;
        this.publicUrl = publicUrl;
    }

    void downloads(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        Account account = signedIn.account(session);
        Locale locale = PortalWeb.locale(ctx);
        Map<String, Object> model = signedIn.model(ctx, session, account, locale);
        Optional<DumpRun> current = runs.current(account.id()).filter(DumpRun::isPublished);
        List<Map<String, Object>> tables = new ArrayList<>();
        current.ifPresent(run -> {
            for (TableFile t : run.manifest().orElseThrow().tables()) {
                tables.add(Map.of(
                        "name", t.name(),
                        "label", Pages.tableLabel(catalog, t.name(), locale)));
            }
        });
        String table = Optional.ofNullable(ctx.queryParam("table"))
                .filter(t -> tables.stream().anyMatch(x -> x.get("name").equals(t)))
                .orElse(tables.stream()
                        .map(t -> (String) t.get("name"))
                        .filter("contacts"::equals)
                        .findFirst()
                        .orElse(
                                tables.isEmpty()
                                        ? "contacts"
                                        : (String) tables.get(0).get("name")));
        model.put("hasDump", current.isPresent());
        model.put("tables", tables);
        model.put("formats", Format.keys());
        model.put("snippetTable", table);
        Optional<String> duckDbColumns = current.flatMap(run ->
                run.manifest().flatMap(m -> m.table(table)).map(file -> representations.duckDbColumns(run, file)));
        model.put("snippets", Snippets.forTable(publicUrl.orElse(Snippets.BASE_PLACEHOLDER), table, duckDbColumns));
        PortalWeb.html(ctx, 200, pages.render("downloads", locale, model));
    }

    void download(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        String table = ctx.pathParam("arg");
        Format format = Format.parse(
                        Optional.ofNullable(ctx.queryParam("format")).orElse("json"))
                .orElse(Format.JSON);
        Optional<DumpRun> current = runs.current(session.accountId()).filter(DumpRun::isPublished);
        Optional<TableFile> file =
                current.flatMap(r -> r.manifest().orElseThrow().table(table));
        if (file.isEmpty()) {
            ctx.redirect("/portal/downloads", HttpStatus.SEE_OTHER);
            return;
        }
        TableLinks.Link link = links.issue(
                current.get(),
                file.get(),
                format,
                representations.keysOf(file.get()),
                new TableLinks.Requester(session.keyId(), ctx.req().getRemoteAddr(), ctx.header("User-Agent")));
        ctx.redirect(link.location(), HttpStatus.FOUND);
    }
}
