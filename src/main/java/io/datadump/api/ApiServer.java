package io.datadump.api;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API's routes, error mapping and lifecycle; the handlers live in their controllers. Every error is JSON
 * ({@link ErrorBody}).
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
    private final JsonResponses responses;
    private Javalin javalin;

    public ApiServer(
            HealthCheck health,
            DumpController dumps,
            RunsController runs,
            FileController files,
            ChangesController changes,
            SchemaController schemas,
            OpenApiController openapi,
            JsonResponses responses) {
        this.health = health;
        this.dumps = dumps;
        this.runs = runs;
        this.files = files;
        this.changes = changes;
        this.schemas = schemas;
        this.openapi = openapi;
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
                    config.requestLogger.http(ApiServer::logRequest);
                    config.routes.get("/health", health::health);
                    config.routes.get("/v1/datadump", dumps::index);
                    config.routes.get("/v1/datadump/dumps", dumps::history); // before {table}: "dumps" is no table
                    config.routes.get("/v1/datadump/{table}", dumps::table);
                    config.routes.get("/v1/datadump/{table}/changes", changes::changes);
                    config.routes.get("/v1/datadump/{table}/schema", schemas::schema);
                    config.routes.post("/v1/datadump/runs", runs::request);
                    config.routes.get("/v1/datadump/runs/{id}", runs::status);
                    config.routes.get("/v1/files/<key>", files::file);
                    config.routes.get("/v1/openapi.json", openapi::openapi);
                    config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e));
                    config.routes.exception(Exception.class, (e, ctx) -> {
                        log.error("request {} {} failed", ctx.method(), ctx.path(), e);
                        error(
                                ctx,
                                new ApiException(
                                        500, "internal_error", "the server failed to answer; try again later"));
                    });
                    config.routes.error(404, "*", ctx -> {
                        // our own 404s are JSON already; Javalin's "endpoint not found" is not
                        String type = ctx.res().getContentType();
                        if (type == null || !type.startsWith("application/json")) {
                            error(ctx, new ApiException(404, "not_found", "no such endpoint; see GET /v1/datadump"));
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
                                                    + "; see the README for the API")));
                })
                .start();
        return javalin.port();
    }

    /**
     * Path only: API keys and signatures travel in headers and query strings and are never logged. Refused and failed
     * requests at INFO; the (many) answered ones at DEBUG, so a busy node does not log per request.
     */
    private static void logRequest(Context ctx, Float ms) {
        int status = ctx.status().getCode();
        if (status >= 400) log.info("{} {} {} {} ms", ctx.method(), ctx.path(), status, Math.round(ms));
        else if (log.isDebugEnabled()) log.debug("{} {} {} {} ms", ctx.method(), ctx.path(), status, Math.round(ms));
    }

    private void error(Context ctx, ApiException e) {
        responses.send(ctx, e.status(), e.body());
    }

    @Override
    public void close() {
        if (javalin != null) javalin.stop();
    }
}
