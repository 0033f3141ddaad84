package io.datadump.access;

import io.datadump.wire.ErrorBody;

/**
 * Thrown by a handler to answer with an error: its HTTP status and the JSON {@link ErrorBody}. Carries no stack trace:
 * it is an answer, not a fault.
 */
public final class ApiException extends RuntimeException {
    /**
     * The request attribute naming an answered error's code, for the aggregate refusal log: set for every ApiException,
     * and by pages that answer an error themselves (the portal's sign-in).
     */
    public static final String CODE_ATTRIBUTE = "datadump.error";

    private final int status;
    private final ErrorBody body;

    public ApiException(int status, String code, String message) {
        this(status, ErrorBody.of(code, message));
    }

    public ApiException(int status, ErrorBody body) {
        super(body.message(), null, false, false);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public ErrorBody body() {
        return body;
    }
}
