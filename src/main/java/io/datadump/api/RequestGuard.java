package io.datadump.api;

import io.datadump.access.ApiException;
import io.javalin.http.Context;

/**
 * Refuses, before any handler runs, what no handler could answer sensibly: a path or query with broken percent
 * encoding ({@code %u0041}, {@code %zz}, a lone {@code %}), control characters, or an absurd length. Such input gets a
 * 400 with the JSON error body instead of failing deep in URL decoding.
 */
final class RequestGuard {
    private static final int MAX_URI = 8192;

    private RequestGuard() {}

    static void check(Context ctx) {
        String uri = ctx.req().getRequestURI();
        String query = ctx.req().getQueryString();
        if (uri.length() + (query == null ? 0 : query.length()) > MAX_URI) {
            throw new ApiException(
                    414, "uri_too_long", "the request's address is longer than " + MAX_URI + " characters");
        }
        if (!wellFormed(uri) || (query != null && !wellFormed(query))) {
            throw new ApiException(
                    400,
                    "malformed_request",
                    "the request's address has broken percent-encoding or control characters; encode it as RFC 3986 says");
        }
    }

    /** Every % is followed by two hex digits, and there are no control characters. */
    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) return false;
            if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) return false;
                // an encoded control character or an encoded NUL is as bad as a raw one
                int value = hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2));
                if (value < 0x20 || value == 0x7f) return false;
                i += 2;
            }
        }
        return true;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
