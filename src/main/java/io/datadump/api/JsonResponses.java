package io.datadump.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes small JSON bodies. */
public final class JsonResponses {
    private final ObjectMapper json;

    public JsonResponses(ObjectMapper json) {
        this.json = json;
    }

    ObjectMapper json() {
        return json;
    }

    void send(Context ctx, int status, Object body) {
        send(ctx, status, body, "application/json");
    }

    void send(Context ctx, int status, Object body, String contentType) {
        ctx.status(status);
        ctx.contentType(contentType);
        try {
            write(ctx, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Straight to the response: ctx.result would copy each body through a fresh 32 KB buffer. */
    private static void write(Context ctx, byte[] body) {
        try {
            ctx.res().setContentLength(body.length);
            if (ctx.method() == HandlerType.HEAD) return; // the same headers, no body
            ctx.res().getOutputStream().write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
