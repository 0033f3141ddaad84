package io.datadump.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answered as JSON {"error": code, "message": what to do}, with its HTTP status. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, Object> extra;

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiError(int status, String code, String message, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = extra;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", getMessage());
        body.putAll(extra);
        return body;
    }
}
