package io.datadump.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.wire.ErrorBody;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to what it refuses before the API sees it (an unparsable request line, a broken percent-encoding in
 * the path, headers too large): the same JSON error body as every other error, instead of Jetty's HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ObjectMapper json;

    JsonErrorHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private byte[] body(int status) {
        ErrorBody body = switch (status) {
            case 400 ->
                ErrorBody.of(
                        "malformed_request",
                        "the request could not be read (broken percent-encoding,"
                                + " control characters or a malformed line); send a well-formed HTTP request");
            case 404 -> ErrorBody.of("not_found", "no such endpoint; see GET /v1/openapi.json");
            case 414 -> ErrorBody.of("uri_too_long", "the request's address is too long");
            case 431 -> ErrorBody.of("headers_too_large", "the request's headers are too large");
            default -> ErrorBody.of("http_" + status, "the request was refused (" + status + ")");
        };
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
