package io.datadump.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.wire.ErrorBody;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code CONNECT} (a proxy's method, never the API's) before anything else sees it: 400 with the JSON error
 * body, and the connection closed. Left to the servlet layer it got an empty 400 and its connection was held open for
 * the idle timeout (30 s), a cheap way to tie up sockets.
 */
final class RefuseConnect extends Handler.Wrapper {
    private final byte[] body;

    RefuseConnect(ObjectMapper json) {
        try {
            this.body = json.writeValueAsBytes(ErrorBody.of(
                    "method_not_allowed",
                    "CONNECT is a proxy's method; this is the datadump API, which proxies nothing"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.CONNECT.is(request.getMethod())) return super.handle(request, response, callback);
        response.setStatus(400);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
