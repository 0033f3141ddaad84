package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.wire.ErrorBody;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of a request, checked against what its endpoint takes: a parameter that does not apply is
 * refused with 400 and the list of those that do, rather than silently ignored (a misspelt {@code formt=csv} would
 * otherwise return JSON).
 */
final class QueryParams {
    /** Taken by every endpoint: the key for tools that cannot send headers. */
    private static final String API_KEY = "api_key";

    private QueryParams() {}

    static void allowOnly(Context ctx, String... allowed) {
        Set<String> known = new TreeSet<>(List.of(allowed));
        for (String name : ctx.queryParamMap().keySet()) {
            if (!name.equals(API_KEY) && !known.contains(name)) {
                List<String> valid = new ArrayList<>(known);
                valid.add(API_KEY);
                throw new ApiException(
                        400,
                        ErrorBody.of(
                                        "invalid_parameter",
                                        "the parameter '" + Printable.of(name)
                                                + "' does not apply here; this endpoint takes "
                                                + String.join(", ", valid))
                                .withAllowed(valid));
            }
        }
    }

    /** A parameter's value, if it was given and is not blank. */
    static Optional<String> get(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }
}
