package io.datadump.portal;

import io.datadump.accounts.Account;
import io.datadump.audit.DownloadAudit;
import io.datadump.schema.TableCatalog;
import io.javalin.http.Context;
import java.text.NumberFormat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Who downloaded what, from the audit. */
public final class AccessPage {
    private static final int ROWS = 500;
    private final SignedIn signedIn;
    private final DownloadAudit audit;
    private final TableCatalog catalog;
    private final Clock clock;
    private final Pages pages;

    public AccessPage(SignedIn signedIn, DownloadAudit audit, TableCatalog catalog, Clock clock, Pages pages) {
        this.signedIn = signedIn;
        this.audit = audit;
        this.catalog = catalog;
        this.clock = clock;
        this.pages = pages;
    }

    void access(Context ctx) {
        PortalSessions.Session session = signedIn.require(ctx);
        Account account = signedIn.account(session);
        Locale locale = PortalWeb.locale(ctx);
        Map<String, Object> model = signedIn.model(ctx, session, account, locale);
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DownloadAudit.Entry e : audit.list(account.id(), clock.instant().minus(audit.keep()), ROWS)) {
            Map<String, Object> row = new HashMap<>();
            row.put("time", PortalWeb.time(e.at(), account.timeZone(), locale, true));
            row.put("kind", e.kind());
            row.put("times", e.requests() > 1 ? "×" + n.format(e.requests()) : "");
            row.put("table", e.table());
            row.put("tableLabel", Pages.tableLabel(catalog, e.table(), locale));
            row.put("format", e.format());
            row.put("dump", e.dumpId());
            row.put("key", e.keyName() != null ? e.keyName() : e.keyId() == null ? "" : "#" + e.keyId());
            // sizes as the overview writes them, a client as people name it (the full user agent on hover)
            row.put("bytes", e.bytesSent() == null ? "" : HistoryChart.label(e.bytesSent(), true, locale));
            row.put("address", ClientNames.address(e.clientAddress()));
            row.put("client", ClientNames.of(e.userAgent()));
            row.put("agent", e.userAgent() == null ? "" : e.userAgent());
            entries.add(row);
        }
        model.put("entries", entries);
        model.put("days", audit.keep().toDays());
        PortalWeb.html(ctx, 200, pages.render("access", locale, model));
    }
}
