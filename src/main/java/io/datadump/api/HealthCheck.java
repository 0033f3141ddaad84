package io.datadump.api;

import io.datadump.wire.ApiBodies;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * {@code GET /health}: 200 when the database answers, 503 when it does not, always within {@link #BUDGET_MILLIS}: the
 * check runs on a small pool of its own, so a stalled database never holds a load balancer's probe (or piles up
 * threads: when the pool is busy the answer is 503 at once). Needs no key.
 */
public final class HealthCheck implements AutoCloseable {
    static final long BUDGET_MILLIS = 1_500;

    private final DataSource dataSource;
    private final JsonResponses responses;
    private final ThreadPoolExecutor checks =
            new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4), r -> {
                Thread t = new Thread(r, "datadump-health");
                t.setDaemon(true);
                return t;
            });

    public HealthCheck(DataSource dataSource, JsonResponses responses) {
        this.dataSource = dataSource;
        this.responses = responses;
    }

    void health(Context ctx) {
        boolean ok;
        try {
            ok = CompletableFuture.supplyAsync(this::databaseAnswers, checks).get(BUDGET_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RejectedExecutionException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ok = false;
        }
        if (!ok) ctx.header("Retry-After", "10");
        responses.send(ctx, ok ? 200 : 503, new ApiBodies.Health(ok ? "ok" : "unavailable", ok ? "ok" : "unreachable"));
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }
}
