package io.datadump.portal;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The tenant portal at {@code /}: sign in with an API key, then the current dump, downloads with ready snippets, the
 * history with a chart, each table's schema, "dump now", the access log and the destinations dumps are delivered
 * into, in German or English. Server-rendered
 * ({@link Pages}); the only script follows a requested dump. The key is sent once, in a form POST, and never kept: the
 * session is a random token in an HttpOnly, SameSite=Strict cookie ({@link PortalSessions}); every POST carries the
 * session's CSRF token; every page is sent with a CSP that allows nothing from elsewhere and no inline script.
 */
public final class PortalController {
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Map<String, String> ASSETS =
            Map.of("portal.css", "text/css; charset=utf-8", "portal.js", "text/javascript; charset=utf-8");

    private final SignInPages signIn;
    private final OverviewPages overview;
    private final DownloadPages downloads;
    private final HistoryPages history;
    private final SchemaPage schema;
    private final AccessPage access;
    private final DestinationsPage destinations;

    public PortalController(
            SignInPages signIn,
            OverviewPages overview,
            DownloadPages downloads,
            HistoryPages history,
            SchemaPage schema,
            AccessPage access,
            DestinationsPage destinations) {
        this.signIn = signIn;
        this.overview = overview;
        this.downloads = downloads;
        this.history = history;
        this.schema = schema;
        this.access = access;
        this.destinations = destinations;
    }

    /**
     * The portal's routes: a handful of patterns whose handlers pick the page from a table. Javalin matches every
     * request against every route, and thirty portal routes with their before-handlers cost the API's redirect path
     * about 5 % of its CPU (JFR, scripts/api-load.sh); with six, the API pays next to nothing for the portal.
     */
    public void routes(JavalinConfig config) {
        Map<String, Handler> pages = Map.of(
                "sign-in", signIn::signInPage,
                "downloads", downloads::downloads,
                "history", history::history,
                "history.svg", history::historyChart,
                "schema", schema::schema,
                "access", access::access,
                "destinations", destinations::page);
        Map<String, Handler> withArgument = Map.of(
                "runs", overview::runStatus,
                "download", downloads::download,
                "lang", signIn::language,
                "assets", this::asset);
        Map<String, Handler> actions = Map.of(
                "sign-in",
                signIn::signIn,
                "sign-out",
                signIn::signOut,
                "runs",
                overview::dumpNow,
                "destinations",
                destinations::action);
        get(config, "/", portal(ctx -> ctx.redirect("/portal", HttpStatus.SEE_OTHER)));
        get(config, "/portal", portal(overview::overview));
        get(config, "/portal/{page}", portal(ctx -> dispatch(pages, ctx.pathParam("page"), ctx)));
        get(config, "/portal/{page}/{arg}", portal(ctx -> dispatch(withArgument, ctx.pathParam("page"), ctx)));
        config.routes.post("/portal/{page}", portal(ctx -> dispatch(actions, ctx.pathParam("page"), ctx)));
        config.routes.exception(SignedIn.Required.class, (e, ctx) -> {
            ctx.header("Cache-Control", "no-store");
            ctx.redirect(
                    ctx.cookie(PortalSessions.COOKIE) == null ? "/portal/sign-in" : "/portal/sign-in?expired=1",
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
}
