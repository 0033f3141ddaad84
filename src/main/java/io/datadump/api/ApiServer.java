package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.db.DataAccessException;
import io.datadump.metrics.Metrics;
import io.datadump.wire.ErrorBody;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.Endpoint;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API's routes, error mapping and lifecycle; the handlers live in their controllers (and further route groups,
 * the portal's, that {@code App} hands it). Every error of the API is JSON ({@link ErrorBody}).
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private final HealthCheck health;
    private final DumpController dumps;
    private final RunsController runs;
    private final FileController files;
    private final ChangesController changes;
    private final SchemaController schemas;
    private final OpenApiController openapi;
    private final MetricsController metricsEndpoint;
    private final DestinationsController destinations;
    private final List<RouteGroup> routeGroups;
    private final Metrics metrics;
    private final JsonResponses responses;
    private final RefusalLog refusals = new RefusalLog(60);
    private Javalin javalin;

    public ApiServer(
            HealthCheck health,
            DumpController dumps,
            RunsController runs,
            FileController files,
            ChangesController changes,
            SchemaController schemas,
            OpenApiController openapi,
            MetricsController metricsEndpoint,
            DestinationsController destinations,
            List<RouteGroup> routeGroups,
            Metrics metrics,
            JsonResponses responses) {
        this.health = health;
        this.dumps = dumps;
        this.runs = runs;
        this.files = files;
        this.changes = changes;
        this.schemas = schemas;
        this.openapi = openapi;
        this.metricsEndpoint = metricsEndpoint;
        this.destinations = destinations;
        this.routeGroups = List.copyOf(routeGroups);
        this.metrics = metrics;
        this.responses = responses;
    }

    /** Starts on the given port (0: a free one) and returns the port. */
    public int start(String host, int port) {
        javalin = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.http.compressionStrategy = CompressionStrategy.NONE; // stored gzip is served as is
                    config.http.prefer405over404 = true; // a known path with the wrong method says so
                    config.jetty.host = host;
                    config.jetty.port = port;
                    config.jetty.modifyServer(server -> {
                        server.setErrorHandler(new JsonErrorHandler(responses.json()));
                        // Javalin puts its own handler inside this wrapper
                        server.setHandler(new RefuseConnect(responses.json()));
                    });
                    config.requestLogger.http(this::logRequest);
                    config.routes.before(RequestGuard::check);
                    get(config, "/health", health::health);
                    get(config, "/v1/datadump", dumps::index);
                    get(config, "/v1/datadump/dumps", dumps::history); // before {table}: "dumps" is no table
                    get(config, "/v1/datadump/destinations", destinations::list); // nor is "destinations"
                    get(config, "/v1/datadump/{table}", dumps::table);
                    get(config, "/v1/datadump/{table}/changes", changes::changes);
                    get(config, "/v1/datadump/{table}/schema", schemas::schema);
                    config.routes.post("/v1/datadump/runs", runs::request);
                    get(config, "/v1/datadump/runs/{id}", runs::status);
                    get(config, "/v1/files/<key>", files::file);
                    get(config, "/v1/openapi.json", openapi::openapi);
                    get(config, "/metrics", metricsEndpoint::metrics);
                    for (RouteGroup group : routeGroups) group.routes(config);
                    config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
                    config.routes.exception(DataAccessException.class, (e, ctx) -> unavailable(ctx));
                    config.routes.exception(Exception.class, (e, ctx) -> {
                        if (isDatabaseUnreachable(e)) {
                            unavailable(ctx);
                            return;
                        }
                        refusals.failed(ctx.method().name(), ctx.path(), e);
                        error(
                                ctx,
                                new ApiException(
                                        500, "internal_error", "the server failed to answer; try again later"));
                    });
                    config.routes.error(404, "*", ctx -> {
                        // our own 404s are JSON already; Javalin's "endpoint not found" is not
                        String type = ctx.res().getContentType();
                        if (type == null || !type.startsWith("application/json")) {
                            error(
                                    ctx,
                                    new ApiException(404, "not_found", "no such endpoint; see GET /v1/openapi.json"));
                        }
                    });
                    config.routes.error(
                            405,
                            "*",
                            ctx -> error(
                                    ctx,
                                    new ApiException(
                                            405,
                                            "method_not_allowed",
                                            "this endpoint does not answer " + ctx.method()
                                                    + "; see GET /v1/openapi.json")));
                })
                .start();
        return javalin.port();
    }

    /** GET, and HEAD answering exactly as GET without the body (same authentication, status and headers). */
    private static void get(JavalinConfig config, String path, Handler handler) {
        config.routes.get(path, handler);
        config.routes.head(path, handler);
    }

    /**
     * Answered requests at DEBUG (path only: keys and signatures travel in headers and query strings and are never
     * logged), so a busy node does not log per request; refused and failed ones counted by {@link RefusalLog}.
     */
    private void logRequest(Context ctx, Float ms) {
        int status = ctx.status().getCode();
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        metrics.request(
                endpoint == null ? "unmatched" : endpoint.path, ctx.method().name(), status, (long) (ms * 1_000_000));
        if (status >= 400) refusals.refused(status, ctx.attribute(ApiException.CODE_ATTRIBUTE));
        else if (log.isDebugEnabled()) log.debug("{} {} {} {} ms", ctx.method(), ctx.path(), status, Math.round(ms));
    }

    private void error(Context ctx, ApiException e) {
        ctx.attribute(ApiException.CODE_ATTRIBUTE, e.body().error());
        responses.send(ctx, e.status(), e.body());
    }

    /** The database cannot be reached: 503, and when to try again, instead of a failure. */
    private void unavailable(Context ctx) {
        ctx.header("Retry-After", "30");
        error(
                ctx,
                new ApiException(
                        503,
                        "database_unavailable",
                        "the service cannot reach its database right now; try again in 30 seconds"));
    }

    private static boolean isDatabaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessException || t instanceof SQLTransientConnectionException) return true;
        }
        return false;
    }

    @Override
    public void close() {
        if (javalin != null) javalin.stop();
        refusals.close();
        health.close();
    }
}
