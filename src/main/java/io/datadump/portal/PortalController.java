package io.datadump.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.api.TableLinks;
import io.datadump.api.TableSchemas;
import io.datadump.audit.DownloadAudit;
import io.datadump.auth.ApiKeys;
import io.datadump.auth.AuthThrottle;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.Manifest;
import io.datadump.dump.Retention;
import io.datadump.dump.RunStatus;
import io.datadump.dump.TableFile;
import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import io.datadump.schedule.DumpScheduler;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tenant portal at {@code /}: sign in with an API key, then the current dump, downloads with ready snippets, the
 * history with a chart, each table's schema, "dump now" and the access log, in German or English. Server-rendered
 * ({@link Pages}); the only script follows a requested dump. The key is sent once, in a form POST, and never kept: the
 * session is a random token in an HttpOnly, SameSite=Strict cookie ({@link PortalSessions}); every POST carries the
 * session's CSRF token; every page is sent with a CSP that allows nothing from elsewhere and no inline script.
 */
public final class PortalController {
    static final String SESSION_COOKIE = "dd_session";
    static final String SIGN_IN_COOKIE = "dd_signin";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> ASSETS =
            Map.of("portal.css", "text/css; charset=utf-8", "portal.js", "text/javascript; charset=utf-8");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter TIME_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int ACCESS_LOG_ROWS = 500;

    /** Thrown where a page needs a session and the request has none: answered by a redirect to sign in. */
    private static final class SignInRequired extends RuntimeException {
        SignInRequired() {
            super(null, null, false, false);
        }
    }

    private final PortalSessions sessions;
    private final ApiKeys apiKeys;
    private final Accounts accounts;
    private final DumpRuns runs;
    private final DumpScheduler scheduler;
    private final TableLinks links;
    private final Representations representations;
    private final TableCatalog catalog;
    private final TableSchemas schemas;
    private final DownloadAudit audit;
    private final Duration onDemandMinInterval;
    private final Optional<String> publicUrl;
    private final Clock clock;
    private final Pages pages = new Pages();
    private final AuthThrottle throttle = new AuthThrottle(AuthThrottle.SIGN_IN_LIMIT);
    private final ObjectMapper json = new ObjectMapper();

    public PortalController(
            PortalSessions sessions,
            ApiKeys apiKeys,
            Accounts accounts,
            DumpRuns runs,
            DumpScheduler scheduler,
            TableLinks links,
            Representations representations,
            TableCatalog catalog,
            TableSchemas schemas,
            DownloadAudit audit,
            Duration onDemandMinInterval,
            Optional<String> publicUrl,
            Clock clock) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.accounts = accounts;
        this.runs = runs;
        this.scheduler = scheduler;
        this.links = links;
        this.representations = representations;
        this.catalog = catalog;
        this.schemas = schemas;
        this.audit = audit;
        this.onDemandMinInterval = onDemandMinInterval;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /**
     * The portal's routes: a handful of patterns whose handlers pick the page from a table. Javalin matches every
     * request against every route, and thirty portal routes with their before-handlers cost the API's redirect path
     * about 5 % of its CPU (JFR, scripts/api-load.sh); with six, the API pays next to nothing for the portal.
     */
    public void routes(JavalinConfig config) {
        Map<String, Handler> pages = Map.of(
                "sign-in", this::signInPage,
                "downloads", this::downloads,
                "history", this::history,
                "history.svg", this::historyChart,
                "schema", this::schema,
                "access", this::access);
        Map<String, Handler> withArgument = Map.of(
                "runs", this::runStatus,
                "download", this::download,
                "lang", this::language,
                "assets", this::asset);
        Map<String, Handler> actions =
                Map.of("sign-in", this::signIn, "sign-out", this::signOut, "runs", this::dumpNow);
        get(config, "/", portal(ctx -> ctx.redirect("/portal", HttpStatus.SEE_OTHER)));
        get(config, "/portal", portal(this::overview));
        get(config, "/portal/{page}", portal(ctx -> dispatch(pages, ctx.pathParam("page"), ctx)));
        get(config, "/portal/{page}/{arg}", portal(ctx -> dispatch(withArgument, ctx.pathParam("page"), ctx)));
        config.routes.post("/portal/{page}", portal(ctx -> dispatch(actions, ctx.pathParam("page"), ctx)));
        config.routes.exception(SignInRequired.class, (e, ctx) -> {
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(
                    ctx.cookie(SESSION_COOKIE) == null ? "/portal/sign-in" : "/portal/sign-in?expired=1",
                    HttpStatus.SEE_OTHER);
        });
    }

    private static void dispatch(Map<String, Handler> handlers, String page, Context ctx) throws Exception {
        Handler handler = handlers.get(page);
        if (handler == null) throw new NotFoundResponse();
        handler.handle(ctx);
    }

    private static void get(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
    }

    /** A portal page: sent with the security headers whatever it answers. */
    private Handler portal(Handler handler) {
        return ctx -> {
            securityHeaders(ctx);
            handler.handle(ctx);
        };
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    // ---------------------------------------------------------------- signing in and out

    private void signInPage(Context ctx) {
        Locale locale = locale(ctx);
        String notice = ctx.queryParam("signed_out") != null
                ? Pages.text(locale, "signin.signedout")
                : ctx.queryParam("expired") != null ? Pages.text(locale, "signin.expired") : null;
        renderSignIn(ctx, 200, locale, notice, null);
    }

    private void renderSignIn(Context ctx, int status, Locale locale, String notice, String error) {
        String csrf = sessions.randomToken();
        setCookie(ctx, SIGN_IN_COOKIE, csrf, -1);
        Map<String, Object> model = new HashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("csrf", csrf);
        model.put("notice", notice);
        model.put("error", error);
        html(ctx, status, pages.render("sign-in", locale, model));
    }

    private void signIn(Context ctx) {
        Locale locale = locale(ctx);
        String expected = ctx.cookie(SIGN_IN_COOKIE);
        if (!same(expected, ctx.formParam("csrf"))) {
            renderSignIn(ctx, 403, locale, null, Pages.text(locale, "signin.error.form"));
            return;
        }
        String key = ctx.formParam("api_key");
        if (key == null || key.isBlank()) {
            renderSignIn(ctx, 400, locale, null, Pages.text(locale, "signin.error.missing"));
            return;
        }
        Optional<ApiKeys.Principal> principal = apiKeys.authenticate(key.strip());
        if (principal.isEmpty()) {
            long wait = throttle.failed(ctx.req().getRemoteAddr());
            if (wait > 0) {
                ctx.header("Retry-After", Long.toString(wait));
                renderSignIn(ctx, 429, locale, null, Pages.text(locale, "signin.error.throttled", wait));
            } else {
                renderSignIn(ctx, 401, locale, null, Pages.text(locale, "signin.error.invalid"));
            }
            return;
        }
        Account account = accounts.get(principal.get().accountId());
        if (!account.datadumpEnabled()) {
            renderSignIn(ctx, 403, locale, null, Pages.text(locale, "signin.error.disabled"));
            return;
        }
        String keyName = apiKeys.list(account.id()).stream()
                .filter(k -> k.id() == principal.get().keyId())
                .map(k -> k.name() == null ? k.keyPrefix() + "…" : k.name())
                .findFirst()
                .orElse("");
        PortalSessions.Opened opened =
                sessions.open(account.id(), principal.get().keyId(), keyName);
        setCookie(ctx, SESSION_COOKIE, opened.token(), -1);
        setCookie(ctx, SIGN_IN_COOKIE, "", 0);
        ctx.redirect("/portal", HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        Optional<PortalSessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isPresent()) {
            requireCsrf(ctx, session.get());
            sessions.close(ctx.cookie(SESSION_COOKIE));
        }
        setCookie(ctx, SESSION_COOKIE, "", 0);
        ctx.redirect("/portal/sign-in?signed_out=1", HttpStatus.SEE_OTHER);
    }

    private PortalSessions.Session requireSession(Context ctx) {
        return sessions.find(ctx.cookie(SESSION_COOKIE)).orElseThrow(SignInRequired::new);
    }

    private static void requireCsrf(Context ctx, PortalSessions.Session session) {
        if (!same(session.csrf(), ctx.formParam("csrf"))) {
            ctx.status(403).contentType("text/plain; charset=utf-8");
            throw new io.javalin.http.ForbiddenResponse("the form had expired: reload the page and try again");
        }
    }

    private static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void setCookie(Context ctx, String name, String value, int maxAge) {
        boolean secure = publicUrl.map(u -> u.startsWith("https:")).orElse(false)
                || "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        name + "=" + value + "; Path=/portal; HttpOnly; SameSite=Strict"
                                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (secure ? "; Secure" : ""));
    }

    private void language(Context ctx) {
        String lang = PortalLocale.parse(ctx.pathParam("arg"))
                .orElse(PortalLocale.ENGLISH)
                .getLanguage();
        String back = ctx.queryParam("back");
        boolean safe = back != null && back.matches("/portal[A-Za-z0-9/._?=&%-]*") && !back.contains("//");
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        PortalLocale.COOKIE + "=" + lang + "; Path=/portal; Max-Age=31536000; SameSite=Strict");
        ctx.redirect(safe ? back : "/portal", HttpStatus.SEE_OTHER);
    }

    // ---------------------------------------------------------------- pages

    private void overview(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        Account account = accounts.get(session.accountId());
        Locale locale = locale(ctx);
        ZoneId zone = account.timeZone();
        Map<String, Object> model = common(ctx, session, account, locale);

        Optional<DumpRun> active = runs.recent(account.id(), 10).stream()
                .filter(r -> r.status() == RunStatus.QUEUED || r.status() == RunStatus.RUNNING)
                .findFirst();
        model.put(
                "state",
                active.map(r -> Pages.text(
                                locale,
                                r.status() == RunStatus.QUEUED ? "overview.state.queued" : "overview.state.running",
                                r.id()))
                        .orElse(Pages.text(locale, "overview.state.idle")));
        Optional<DumpRun> watched = positive(ctx.queryParam("run"))
                .or(() -> positive(ctx.queryParam("done")))
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
        model.put("notice", notice(ctx, locale));
        model.put(
                "nextDue",
                format(scheduler.scheduledAt(account.id()).orElseGet(() -> scheduler.nextRun(account)), zone, TIME));

        Optional<DumpRun> current = runs.current(account.id()).filter(DumpRun::isPublished);
        model.put("dump", current.map(run -> dumpModel(run, zone, locale)).orElse(null));
        html(ctx, 200, pages.render("overview", locale, model));
    }

    private Map<String, Object> dumpModel(DumpRun run, ZoneId zone, Locale locale) {
        Manifest m = run.manifest().orElseThrow();
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        List<Map<String, Object>> tables = new ArrayList<>();
        for (TableFile t : m.tables()) {
            Map<String, Object> row = new HashMap<>();
            row.put("name", t.name());
            row.put("label", catalog.find(t.name()).map(TableDefinition::label).orElse(t.name()));
            row.put("rows", n.format(t.rows()));
            row.put("volume", HistoryChart.label(t.bytes(), true, locale));
            row.put("sha", t.sha256().substring(0, 12));
            row.put("shaFull", t.sha256());
            row.put("custom", String.join(", ", t.customFields()));
            tables.add(row);
        }
        Map<String, Object> dump = new HashMap<>();
        dump.put("id", run.id());
        dump.put("day", Retention.day(run, zone).toString());
        dump.put("finished", format(run.finishedAt().orElse(run.startedAt()), zone, TIME_SECONDS));
        dump.put("duration", duration(run.durationMillis().orElse(0L), locale));
        dump.put("rows", n.format(m.tables().stream().mapToLong(TableFile::rows).sum()));
        dump.put(
                "volume", // not "size": the templates would read a map's size()
                HistoryChart.label(
                        m.tables().stream().mapToLong(TableFile::bytes).sum(), true, locale));
        dump.put("tables", tables);
        return dump;
    }

    private String notice(Context ctx, Locale locale) {
        String notice = ctx.queryParam("notice");
        if (notice == null) return null;
        return switch (notice) {
            case "queued" ->
                positive(ctx.queryParam("run"))
                        .map(id -> Pages.text(locale, "overview.notice.queued", id))
                        .orElse(null);
            case "running" -> Pages.text(locale, "overview.notice.running");
            case "toosoon" ->
                Pages.text(
                        locale,
                        "overview.notice.toosoon",
                        onDemandMinInterval.toMinutes(),
                        positive(ctx.queryParam("wait")).orElse(1L));
            default -> null;
        };
    }

    private void dumpNow(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        requireCsrf(ctx, session);
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

    private void runStatus(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        Optional<DumpRun> run =
                positive(ctx.pathParam("arg")).flatMap(runs::find).filter(r -> r.accountId() == session.accountId());
        ObjectNode body = json.createObjectNode();
        if (run.isEmpty()) {
            body.put("error", "unknown_run");
            jsonResult(ctx, 404, body);
            return;
        }
        body.put("id", run.get().id());
        body.put("status", run.get().status().key());
        jsonResult(ctx, 200, body);
    }

    private void downloads(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        Account account = accounts.get(session.accountId());
        Locale locale = locale(ctx);
        Map<String, Object> model = common(ctx, session, account, locale);
        Optional<DumpRun> current = runs.current(account.id()).filter(DumpRun::isPublished);
        List<Map<String, Object>> tables = new ArrayList<>();
        current.ifPresent(run -> {
            for (TableFile t : run.manifest().orElseThrow().tables()) {
                tables.add(Map.of(
                        "name", t.name(),
                        "label",
                                catalog.find(t.name())
                                        .map(TableDefinition::label)
                                        .orElse(t.name())));
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
        model.put("snippets", Snippets.forTable(publicUrl.orElse(Snippets.BASE_PLACEHOLDER), table));
        html(ctx, 200, pages.render("downloads", locale, model));
    }

    private void download(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
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

    private void history(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        Account account = accounts.get(session.accountId());
        Locale locale = locale(ctx);
        Map<String, Object> model = common(ctx, session, account, locale);
        String table = chosenTable(ctx.queryParam("table"));
        boolean bytes = "bytes".equals(ctx.queryParam("metric"));
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        List<Map<String, Object>> dumps = new ArrayList<>();
        for (DumpRun run : retained(account)) {
            Manifest m = run.manifest().orElseThrow();
            dumps.add(Map.of(
                    "id", run.id(),
                    "day", Retention.day(run, account.timeZone()).toString(),
                    "rows", n.format(value(m, table, false)),
                    "volume", HistoryChart.label(value(m, table, true), true, locale)));
        }
        model.put("dumps", dumps);
        model.put("tables", catalog.names());
        model.put("table", table);
        model.put("metric", bytes ? "bytes" : "rows");
        model.put("chartTitle", chartTitle(locale, table, bytes));
        model.put(
                "chartUrl",
                "/portal/history.svg?metric=" + (bytes ? "bytes" : "rows")
                        + (table == null ? "" : "&table=" + URLEncoder.encode(table, StandardCharsets.UTF_8)));
        html(ctx, 200, pages.render("history", locale, model));
    }

    private void historyChart(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        Account account = accounts.get(session.accountId());
        Locale locale = locale(ctx);
        String table = chosenTable(ctx.queryParam("table"));
        boolean bytes = "bytes".equals(ctx.queryParam("metric"));
        TreeMap<String, Long> byDay = new TreeMap<>(); // the newest dump of each day, days in order
        for (DumpRun run : retained(account)) { // newest first: the first seen of a day is its newest
            byDay.putIfAbsent(
                    Retention.day(run, account.timeZone()).toString(),
                    value(run.manifest().orElseThrow(), table, bytes));
        }
        List<HistoryChart.Point> points = byDay.entrySet().stream()
                .map(e -> new HistoryChart.Point(e.getKey(), e.getValue()))
                .toList();
        ctx.contentType("image/svg+xml; charset=utf-8");
        ctx.result(HistoryChart.svg(chartTitle(locale, table, bytes), points, bytes, locale));
    }

    private void schema(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        Account account = accounts.get(session.accountId());
        Locale locale = locale(ctx);
        Map<String, Object> model = common(ctx, session, account, locale);
        String table = Optional.ofNullable(chosenTable(ctx.queryParam("table")))
                .orElse(catalog.names().get(0));
        model.put("tables", catalog.names());
        model.put("table", table);
        Optional<DumpRun> current = runs.current(account.id()).filter(DumpRun::isPublished);
        List<Map<String, Object>> fields = null;
        if (current.isPresent()
                && current.get().manifest().orElseThrow().table(table).isPresent()) {
            List<String> custom =
                    current.get().manifest().orElseThrow().table(table).get().customFields();
            ObjectNode schema = schemas.of(current.get(), account.id(), table);
            fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            schema.get("properties").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                JsonNode type = p.getValue().get("type");
                List<String> types = new ArrayList<>();
                if (type != null && type.isArray()) type.forEach(t -> types.add(t.asText()));
                else if (type != null) types.add(type.asText());
                Map<String, Object> f = new HashMap<>();
                f.put("name", p.getKey());
                f.put(
                        "type",
                        String.join(
                                " | ",
                                types.stream().filter(t -> !t.equals("null")).toList()));
                f.put(
                        "format",
                        p.getValue().has("format") ? p.getValue().get("format").asText() : "");
                f.put("nullable", types.contains("null"));
                f.put("custom", custom.contains(p.getKey()));
                fields.add(f);
            }
        }
        model.put("fields", fields);
        html(ctx, 200, pages.render("schema", locale, model));
    }

    private void access(Context ctx) {
        PortalSessions.Session session = requireSession(ctx);
        Account account = accounts.get(session.accountId());
        Locale locale = locale(ctx);
        Map<String, Object> model = common(ctx, session, account, locale);
        NumberFormat n = NumberFormat.getIntegerInstance(locale);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (DownloadAudit.Entry e : audit.list(account.id(), clock.instant().minus(audit.keep()), ACCESS_LOG_ROWS)) {
            Map<String, Object> row = new HashMap<>();
            row.put("time", format(e.at(), account.timeZone(), TIME_SECONDS));
            row.put("kind", e.kind());
            row.put("times", e.requests() > 1 ? "×" + n.format(e.requests()) : "");
            row.put("table", e.table());
            row.put("format", e.format());
            row.put("dump", e.dumpId());
            row.put("key", e.keyName() != null ? e.keyName() : e.keyId() == null ? "" : "#" + e.keyId());
            row.put("bytes", e.bytesSent() == null ? "" : n.format(e.bytesSent()));
            row.put("address", e.clientAddress() == null ? "" : e.clientAddress());
            row.put("agent", e.userAgent() == null ? "" : e.userAgent());
            entries.add(row);
        }
        model.put("entries", entries);
        model.put("days", audit.keep().toDays());
        html(ctx, 200, pages.render("access", locale, model));
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("arg");
        String type = ASSETS.get(name);
        if (type == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("no such asset");
            return;
        }
        try (InputStream in = PortalController.class.getClassLoader().getResourceAsStream("portal/assets/" + name)) {
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType(type);
            ctx.result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> common(Context ctx, PortalSessions.Session session, Account account, Locale locale) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("csrf", session.csrf());
        model.put("accountName", account.name());
        model.put("keyName", session.keyName());
        String query = ctx.queryString();
        model.put("back", ctx.path() + (query == null || query.length() > 200 ? "" : "?" + query));
        return model;
    }

    private List<DumpRun> retained(Account account) {
        return runs.published(account.id()).stream()
                .filter(DumpRun::isPublished)
                .toList();
    }

    /** A table name the catalog knows, or null for all tables. */
    private String chosenTable(String requested) {
        return requested != null && catalog.find(requested).isPresent() ? requested : null;
    }

    private static long value(Manifest m, String table, boolean bytes) {
        return m.tables().stream()
                .filter(t -> table == null || t.name().equals(table))
                .mapToLong(t -> bytes ? t.bytes() : t.rows())
                .sum();
    }

    private static String chartTitle(Locale locale, String table, boolean bytes) {
        return Pages.text(
                locale,
                "history.chart",
                Pages.text(locale, bytes ? "history.metric.bytes" : "history.metric.rows"),
                table == null ? Pages.text(locale, "history.all") : table);
    }

    private static Optional<Long> positive(String raw) {
        return raw != null && raw.matches("\\d{1,18}") ? Optional.of(Long.parseLong(raw)) : Optional.empty();
    }

    private static String format(Instant t, ZoneId zone, DateTimeFormatter f) {
        return f.format(t.atZone(zone));
    }

    private static String duration(long millis, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(1);
        if (millis < 60_000) return f.format(millis / 1000.0) + " s";
        return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
    }

    private static Locale locale(Context ctx) {
        return PortalLocale.choose(ctx.cookie(PortalLocale.COOKIE), ctx.header("Accept-Language"));
    }

    private static void html(Context ctx, int status, String html) {
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html);
    }

    private void jsonResult(Context ctx, int status, ObjectNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(body.toString());
    }
}
