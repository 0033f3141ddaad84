package io.datadump.api;

import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** {@code GET /health}: 200 when the database answers within 2 seconds, else 503. Needs no key. */
public final class HealthCheck {
    private final DataSource dataSource;
    private final JsonResponses responses;

    public HealthCheck(DataSource dataSource, JsonResponses responses) {
        this.dataSource = dataSource;
        this.responses = responses;
    }

    void health(Context ctx) {
        boolean ok;
        try (Connection c = dataSource.getConnection()) {
            ok = c.isValid(2);
        } catch (SQLException e) {
            ok = false;
        }
        responses.send(
                ctx, ok ? 200 : 503, new ResponseBodies.Health(ok ? "ok" : "unavailable", ok ? "ok" : "unreachable"));
    }
}
