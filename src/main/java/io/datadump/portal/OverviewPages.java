package io.datadump.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.access.ApiException;
import io.datadump.accounts.Account;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.Manifest;
import io.datadump.dump.Retention;
import io.datadump.dump.RunStatus;
import io.datadump.dump.TableFile;
import io.datadump.schedule.DumpScheduler;
import io.datadump.schema.TableCatalog;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The overview (the current dump, what is queued or running, when the next is due) and "dump now". */
public final class OverviewPages {
    private final SignedIn signedIn;
    private final DumpRuns runs;
    private final DumpScheduler scheduler;
    private final TableCatalog catalog;
    private final Pages pages;
    private final Duration onDemandMinInterval;
    private final Clock clock;

    public OverviewPages(
            SignedIn signedIn,
            DumpRuns runs,
            DumpScheduler scheduler,
            TableCatalog catalog,
            Pages pages,
            Duration onDemandMinInterval,
            Clock clock) {
        this.signedIn = signedIn;
        this.runs = runs;
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.pages = pages;
        this.onDemandMinInterval = onDemandMinInterval;
        this.clock = clock;
    }

    void overview(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        Account account = signedIn.account(session);
        Locale locale = PortalWeb.locale(ctx);
        ZoneId zone = account.timeZone();
        Map<String, Object> model = signedIn.model(ctx, session, account, locale);

        Optional<DumpRun> active = runs.recent(account.id(), 10).stream()
                .filter(r -> r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING)
                .findFirst();
        Optional<DumpRun> watched = PortalWeb.positive(ctx.queryParam("run"))
                .or(() -> PortalWeb.positive(ctx.queryParam("done")))
                .flatMap(runs::find)
                .filter(r -> r.accountId() == account.id())
                .or(() -> active);
        watched.ifPresent(r -> {
            model.put("watchRun", r.id());
            model.put("watchStatus", r.status().key());
            model.put(
                    "watchStatusLabel",
                    Pages.text(locale, "status." + r.status().key()));
        });
        // the run followed live says its own status; the sentence is for an active run not followed, or none
        model.put(
                "state",
                active.filter(r -> watched.map(w -> w.id() != r.id()).orElse(true))
                        .map(r -> Pages.text(
                                locale,
                                r.status() == RunStatus.QUEUED ? "overview.state.queued" : "overview.state.running",
                                r.id()))
                        .orElse(active.isPresent() ? null : Pages.text(locale, "overview.state.idle")));
        model.put("notice", notice(ctx, locale, zone));
        model.put(
                "nextDue",
                PortalWeb.time(
                        scheduler.scheduledAt(account.id()).orElseGet(() -> scheduler.nextRun(account)),
                        zone,
                        locale,
                        false));

        Optional<DumpRun> current = runs.current(account.id()).filter(DumpRun::isPublished);
        model.put("dump", current.map(run -> dumpModel(run, zone, locale)).orElse(null));
        PortalWeb.html(ctx, 200, pages.render("overview", locale, model));
    }

    Map<String, Object> dumpModel(DumpRun run, ZoneId zone, Locale locale) {
        Manifest m = run.manifest().orElseThrow();
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        List<Map<String, Object>> tables = new ArrayList<>();
        for (TableFile t : m.tables()) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", t.name());
            row.put("label", Pages.tableLabel(catalog, t.name(), locale));
            row.put("rows", n.format(t.rows()));
            row.put("volume", HistoryChart.label(t.bytes(), true, locale));
            row.put("sha", t.sha256().substring(0, 12));
            row.put("shaFull", t.sha256());
            row.put("custom", String.join(", ", t.customFields()));
            tables.add(row);
        }
        Map<String, Object> dump = new HashMap<>();
        dump.put("id", run.id());
        dump.put("day", PortalWeb.date(Retention.day(run, zone), locale));
        dump.put("finished", PortalWeb.time(run.finishedAt().orElse(run.startedAt()), zone, locale, true));
        dump.put("duration", PortalWeb.duration(run.durationMillis().orElse(0L), locale));
        dump.put("rows", n.format(m.tables().stream().mapToLong(TableFile::rows).sum()));
        dump.put(
                "volume", // not "size": the templates would read a map's size()
                HistoryChart.label(
                        m.tables().stream().mapToLong(TableFile::bytes).sum(), true, locale));
        dump.put("tables", tables);
        return dump;
    }

    String notice(Context ctx, Locale locale, ZoneId zone) {
        String notice = ctx.queryParam("notice");
        if (notice == null) return null;
        return switch (notice) {
            case "queued" ->
                PortalWeb.positive(ctx.queryParam("run"))
                        .map(id -> Pages.text(locale, "overview.notice.queued", id))
                        .orElse(null);
            case "running" -> Pages.text(locale, "overview.notice.running");
            case "toosoon" -> {
                // a time of day and minutes: "in 3,555 seconds" is no figure a person reads at a glance
                long seconds = PortalWeb.positive(ctx.queryParam("wait")).orElse(1L);
                yield Pages.text(
                        locale,
                        "overview.notice.toosoon",
                        onDemandMinInterval.toMinutes(),
                        PortalWeb.format(clock.instant().plusSeconds(seconds), zone, PortalWeb.CLOCK),
                        Math.max(1, (seconds + 59) / 60));
            }
            default -> null;
        };
    }

    void dumpNow(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        SignedIn.requireCsrf(ctx, session);
        DumpScheduler.Request answer = scheduler.requestDump(session.accountId(), onDemandMinInterval);
        if (answer instanceof DumpScheduler.Request.Queued q) {
            ctx.redirect("/portal?notice=queued&run=" + q.runId(), HttpStatus.SEE_OTHER);
        } else if (answer instanceof DumpScheduler.Request.TooSoon t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            ctx.redirect("/portal?notice=toosoon&wait=" + seconds, HttpStatus.SEE_OTHER);
        } else {
            ctx.redirect("/portal?notice=running", HttpStatus.SEE_OTHER);
        }
    }

    void runStatus(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        DumpRun run = PortalWeb.positive(ctx.pathParam("arg"))
                .flatMap(runs::find)
                .filter(r -> r.accountId() == session.accountId())
                .orElseThrow(() -> new ApiException(
                        404, "unknown_run", "this account has no such run; the overview shows its current one"));
        ObjectNode body = PortalWeb.object();
        body.put("id", run.id());
        body.put("status", run.status().key());
        PortalWeb.json(ctx, 200, body);
    }
}
