package io.datadump.portal;

import io.datadump.accounts.Account;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.Manifest;
import io.datadump.dump.Retention;
import io.datadump.schema.TableCatalog;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The retained dumps and the chart of rows or bytes per day, for all tables or one. */
public final class HistoryPages {
    private final SignedIn signedIn;
    private final DumpRuns runs;
    private final TableCatalog catalog;
    private final Pages pages;

    public HistoryPages(SignedIn signedIn, DumpRuns runs, TableCatalog catalog, Pages pages) {
        this.signedIn = signedIn;
        this.runs = runs;
        this.catalog = catalog;
        this.pages = pages;
    }

    void history(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        Account account = signedIn.account(session);
        Locale locale = PortalWeb.locale(ctx);
        Map<String, Object> model = signedIn.model(ctx, session, account, locale);
        String table = PortalWeb.knownTable(catalog, ctx.queryParam("table"));
        boolean bytes = "bytes".equals(ctx.queryParam("metric"));
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        List<Map<String, Object>> dumps = new ArrayList<>();
        for (DumpRun run : retained(account)) {
            Manifest m = run.manifest().orElseThrow();
            dumps.add(Map.of(
                    "id", run.id(),
                    "day", PortalWeb.date(Retention.day(run, account.timeZone()), locale),
                    "rows", n.format(value(m, table, false)),
                    "volume", HistoryChart.label(value(m, table, true), true, locale)));
        }
        model.put("dumps", dumps);
        model.put("tables", Pages.tableChoices(catalog, locale));
        model.put("table", table);
        model.put("metric", bytes ? "bytes" : "rows");
        model.put("chartTitle", chartTitle(catalog, locale, table, bytes));
        model.put(
                "chartUrl",
                "/portal/history.svg?metric=" + (bytes ? "bytes" : "rows")
                        + (table == null ? "" : "&table=" + URLEncoder.encode(table, StandardCharsets.UTF_8)));
        PortalWeb.html(ctx, 200, pages.render("history", locale, model));
    }

    void historyChart(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        Account account = signedIn.account(session);
        Locale locale = PortalWeb.locale(ctx);
        String table = PortalWeb.knownTable(catalog, ctx.queryParam("table"));
        boolean bytes = "bytes".equals(ctx.queryParam("metric"));
        TreeMap<LocalDate, Long> byDay = new TreeMap<>(); // the newest dump of each day, days in order
        for (DumpRun run : retained(account)) { // newest first: the first seen of a day is its newest
            byDay.putIfAbsent(
                    Retention.day(run, account.timeZone()), value(run.manifest().orElseThrow(), table, bytes));
        }
        List<HistoryChart.Point> points = byDay.entrySet().stream()
                .map(e -> new HistoryChart.Point(e.getKey(), e.getValue()))
                .toList();
        ctx.contentType("image/svg+xml; charset=utf-8");
        ctx.result(HistoryChart.svg(chartTitle(catalog, locale, table, bytes), points, bytes, locale));
    }

    static long value(Manifest m, String table, boolean bytes) {
        return m.tables().stream()
                .filter(t -> table == null || t.name().equals(table))
                .mapToLong(t -> bytes ? t.bytes() : t.rows())
                .sum();
    }

    static String chartTitle(TableCatalog catalog, Locale locale, String table, boolean bytes) {
        return Pages.text(
                locale,
                "history.chart",
                Pages.text(locale, bytes ? "history.metric.bytes" : "history.metric.rows"),
                table == null ? Pages.text(locale, "history.all") : Pages.tableLabel(catalog, table, locale));
    }

    /** The account's retained dumps, newest first. */
    private List<DumpRun> retained(Account account) {
        return runs.published(account.id()).stream()
                .filter(DumpRun::isPublished)
                .toList();
    }
}
