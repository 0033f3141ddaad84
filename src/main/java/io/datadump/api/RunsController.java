package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.RunStatus;
import io.datadump.schedule.DumpScheduler;
import io.datadump.wire.ApiBodies;
import io.datadump.wire.ErrorBody;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;

/** {@code POST /v1/datadump/runs} starts an on-demand dump; {@code GET /v1/datadump/runs/<id>} follows it. */
public final class RunsController {
    private final Authenticator auth;
    private final DumpScheduler scheduler;
    private final DumpRuns runs;
    private final Duration minInterval;
    private final JsonResponses responses;

    public RunsController(
            Authenticator auth, DumpScheduler scheduler, DumpRuns runs, Duration minInterval, JsonResponses responses) {
        this.auth = auth;
        this.scheduler = scheduler;
        this.runs = runs;
        this.minInterval = minInterval;
        this.responses = responses;
    }

    void request(Context ctx) {
        long accountId = auth.authenticate(ctx).account().id();
        DumpScheduler.Request answer = scheduler.requestDump(accountId, minInterval);
        if (answer instanceof DumpScheduler.Request.Queued q) {
            String url = "/v1/datadump/runs/" + q.runId();
            ctx.header("Location", url);
            responses.send(ctx, 202, new ApiBodies.RunQueued(q.runId(), RunStatus.QUEUED.key(), url));
        } else if (answer instanceof DumpScheduler.Request.TooSoon t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiException(
                    429,
                    ErrorBody.of(
                                    "too_many_requests",
                                    "an on-demand dump was started less than " + minInterval.toMinutes()
                                            + " minutes ago; try again in " + seconds + " seconds")
                            .withRetryAfterSeconds(seconds));
        } else {
            throw new ApiException(
                    409,
                    "dump_running",
                    "a dump of this account is queued or running; follow it at"
                            + " /v1/datadump/runs/<id> (the id returned when it was requested)");
        }
    }

    void status(Context ctx) {
        Authenticator.Caller caller = auth.authenticate(ctx);
        long accountId = caller.account().id();
        String raw = ctx.pathParam("id");
        if (!raw.matches("\\d{1,18}"))
            throw new ApiException(400, "invalid_run_id", "a run id is a positive whole number");
        DumpRun run = runs.find(Long.parseLong(raw))
                .filter(r -> r.accountId() == accountId)
                .orElseThrow(() -> new ApiException(404, "unknown_run", "this account has no run " + raw));
        if (run.isPublished()) auth.sawPublished(caller, run);
        ctx.header("Cache-Control", "no-store");
        responses.send(
                ctx,
                200,
                new ApiBodies.RunState(
                        run.id(),
                        run.status().key(),
                        run.trigger().key(),
                        run.startedAt().toString(),
                        run.finishedAt().map(Instant::toString).orElse(null),
                        run.rows().orElse(null),
                        run.bytes().orElse(null),
                        run.error().orElse(null)));
    }
}
