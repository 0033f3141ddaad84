package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.metrics.Metrics;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics}: Prometheus's text format, for the operator. Served only with {@code DATADUMP_METRICS_TOKEN}
 * set, and only to a request that presents it as {@code Authorization: Bearer <token>} (compared in constant time).
 * The metrics name no account and no key, so the token guards load and internals rather than tenants' data.
 */
public final class MetricsController {
    private final Metrics metrics;
    private final Optional<String> token;

    public MetricsController(Metrics metrics, Optional<String> token) {
        this.metrics = metrics;
        this.token = token;
    }

    void metrics(Context ctx) {
        QueryParams.allowOnly(ctx);
        if (token.isEmpty()) {
            throw new ApiException(
                    404, "metrics_off", "metrics are served only when DATADUMP_METRICS_TOKEN is set on this node");
        }
        Optional<String> presented = RequestHeaders.bearerToken(ctx.header("Authorization"));
        if (presented.isEmpty()
                || !MessageDigest.isEqual(
                        presented.get().getBytes(StandardCharsets.UTF_8),
                        token.get().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
            throw new ApiException(
                    401, "invalid_metrics_token", "send the metrics token as Authorization: Bearer <token>");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        ctx.result(metrics.scrape());
    }
}
