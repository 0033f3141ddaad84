package io.datadump.api;

import io.javalin.config.JavalinConfig;

/** Routes another part of the server adds to the API's (the portal's pages). */
@FunctionalInterface
public interface RouteGroup {
    void routes(JavalinConfig config);
}
