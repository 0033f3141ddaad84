package io.datadump.portal;

import io.datadump.accounts.Account;
import io.datadump.delivery.Deliveries;
import io.datadump.delivery.Destination;
import io.datadump.delivery.Destinations;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.formats.Format;
import io.datadump.schema.TableCatalog;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The account's destinations: each with its last deliveries, "test connection", "deliver now" and "remove", and a form
 * to add one. A secret is entered once and never shown again (not even in the form after an error).
 */
public final class DestinationsPage {
    private static final int HISTORY = 5;
    private final SignedIn signedIn;
    private final Destinations destinations;
    private final Deliveries deliveries;
    private final DumpRuns runs;
    private final TableCatalog catalog;
    private final Pages pages;

    public DestinationsPage(
            SignedIn signedIn,
            Destinations destinations,
            Deliveries deliveries,
            DumpRuns runs,
            TableCatalog catalog,
            Pages pages) {
        this.signedIn = signedIn;
        this.destinations = destinations;
        this.deliveries = deliveries;
        this.runs = runs;
        this.catalog = catalog;
        this.pages = pages;
    }

    void page(Context ctx) {
        render(ctx, 200, done(ctx, PortalWeb.locale(ctx)), null, Map.of());
    }

    /** The sentence after an action that redirected here (so that reloading the page does not repeat the action). */
    private static String done(Context ctx, Locale locale) {
        String name = ctx.queryParam("name");
        if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,39}")) return null;
        String done = String.valueOf(ctx.queryParam("done"));
        return switch (done) {
            case "added" -> Pages.text(locale, "destinations.added", name);
            case "removed" -> Pages.text(locale, "destinations.removed", name);
            case "queued" ->
                PortalWeb.positive(ctx.queryParam("dump"))
                        .map(dump -> Pages.text(locale, "destinations.queued", dump, name))
                        .orElse(null);
            default -> null;
        };
    }

    /** The page's forms: add, test, deliver, remove (one POST route, the action in the form). */
    void action(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        SignedIn.requireCsrf(ctx, session);
        Locale locale = PortalWeb.locale(ctx);
        long account = session.accountId();
        String action = String.valueOf(ctx.formParam("action"));
        try {
            if (action.equals("add")) {
                Destination d = destinations.add(account, DestinationForm.read(ctx));
                ctx.redirect("/portal/destinations?done=added&name=" + d.name(), HttpStatus.SEE_OTHER);
                return;
            }
            Destination d = destinations
                    .find(account, String.valueOf(ctx.formParam("name")))
                    .orElseThrow(() -> new IllegalArgumentException(Pages.text(locale, "destinations.unknown")));
            switch (action) {
                case "test" -> // shown at once: a reload tests again, which is harmless
                    render(ctx, 200, Pages.text(locale, "destinations.tested", deliveries.test(d)), null, Map.of());
                case "deliver" -> {
                    DumpRun run = runs.current(account)
                            .filter(DumpRun::isPublished)
                            .orElseThrow(() -> new IllegalArgumentException(Pages.text(locale, "destinations.nodump")));
                    deliveries.queue(d, run.id());
                    ctx.redirect(
                            "/portal/destinations?done=queued&name=" + d.name() + "&dump=" + run.id(),
                            HttpStatus.SEE_OTHER);
                }
                case "remove" -> {
                    destinations.remove(account, d.name());
                    ctx.redirect("/portal/destinations?done=removed&name=" + d.name(), HttpStatus.SEE_OTHER);
                }
                default -> throw new IllegalArgumentException(Pages.text(locale, "destinations.unknown"));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            render(
                    ctx,
                    action.equals("add") ? 422 : 200,
                    null,
                    e.getMessage(),
                    action.equals("add") ? DestinationForm.echo(ctx) : Map.of());
        }
    }

    private void render(Context ctx, int status, String notice, String error, Map<String, String> form) {
        PortalSessions.Session session = signedIn.require(ctx);
        Account account = signedIn.account(session);
        Locale locale = PortalWeb.locale(ctx);
        Map<String, Object> model = signedIn.model(ctx, session, account, locale);
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Destination d : destinations.list(account.id())) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", d.name());
            row.put("kind", d.target().kind());
            row.put("where", d.target().describe());
            row.put(
                    "formats",
                    String.join(", ", d.formats().stream().map(Format::key).toList()) + (d.gzip() ? " (gzip)" : ""));
            row.put(
                    "tables",
                    d.tables().isEmpty()
                            ? Pages.text(locale, "destinations.alltables")
                            : String.join(", ", d.tables()));
            row.put("keep", d.keepDays().map(String::valueOf).orElse("—"));
            List<Map<String, Object>> history = new ArrayList<>();
            for (Destinations.Delivery x : destinations.history(account.id(), d.id(), HISTORY)) {
                Map<String, Object> h = new HashMap<>();
                h.put("dump", x.runId());
                h.put("status", x.status());
                h.put("statusLabel", Pages.text(locale, "delivery.status." + x.status()));
                h.put("time", PortalWeb.time(x.finishedAt().orElse(x.queuedAt()), account.timeZone(), locale, true));
                h.put("files", x.files().map(n::format).orElse(""));
                h.put(
                        "volume",
                        x.bytes().map(b -> HistoryChart.label(b, true, locale)).orElse(""));
                h.put("attempts", x.attempts());
                h.put("error", x.error().orElse(""));
                history.add(h);
            }
            row.put("history", history);
            list.add(row);
        }
        model.put("destinations", list);
        model.put("notice", notice);
        model.put("error", error);
        model.put("form", form);
        model.put("formats", Format.keys());
        model.put("tables", catalog.names());
        PortalWeb.html(ctx, status, pages.render("destinations", locale, model));
    }
}
