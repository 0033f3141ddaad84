package io.datadump.api;

import io.datadump.delivery.Destinations;
import io.datadump.formats.Format;
import io.datadump.wire.ApiBodies;
import io.javalin.http.Context;
import java.time.Instant;

/**
 * {@code GET /v1/datadump/destinations}: the caller's destinations and their recent deliveries, for a script or
 * monitor that wants to know whether last night's dump arrived (never a secret; managing them is the portal's and the
 * CLI's).
 */
public final class DestinationsController {
    private static final int DELIVERIES = 10;
    private final Authenticator auth;
    private final Destinations destinations;
    private final JsonResponses responses;

    public DestinationsController(Authenticator auth, Destinations destinations, JsonResponses responses) {
        this.auth = auth;
        this.destinations = destinations;
        this.responses = responses;
    }

    void list(Context ctx) {
        QueryParams.allowOnly(ctx);
        long account = auth.authenticate(ctx).account().id();
        var list = destinations.list(account).stream()
                .map(d -> new ApiBodies.DestinationState(
                        d.name(),
                        d.target().kind(),
                        d.target().describe(),
                        d.formats().stream().map(Format::key).toList(),
                        d.gzip(),
                        d.tables(),
                        d.keepDays().orElse(null),
                        destinations.history(account, d.id(), DELIVERIES).stream()
                                .map(DestinationsController::delivery)
                                .toList()))
                .toList();
        ctx.header("Cache-Control", "no-store");
        responses.send(ctx, 200, new ApiBodies.DestinationList(account, list));
    }

    private static ApiBodies.DeliveryState delivery(Destinations.Delivery x) {
        return new ApiBodies.DeliveryState(
                x.runId(),
                x.status(),
                x.attempts(),
                x.queuedAt().toString(),
                x.finishedAt().map(Instant::toString).orElse(null),
                x.files().orElse(null),
                x.bytes().orElse(null),
                x.error().orElse(null));
    }
}
