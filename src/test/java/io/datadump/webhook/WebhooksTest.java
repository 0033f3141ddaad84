package io.datadump.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.datadump.App;
import io.datadump.dump.DumpEngine;
import io.datadump.support.TestDatabases;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhooksTest {
    record Delivery(Map<String, String> headers, byte[] body) {
    }

    @Test
    void aPublishedDumpIsAnnouncedWithAValidSignature() throws Exception {
        BlockingQueue<Delivery> received = new ArrayBlockingQueue<>(10);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Delivery(Map.of(
                    "timestamp", exchange.getRequestHeaders().getFirst("X-Datadump-Timestamp"),
                    "signature", exchange.getRequestHeaders().getFirst("X-Datadump-Signature"),
                    "event", exchange.getRequestHeaders().getFirst("X-Datadump-Event")), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (App app = TestDatabases.freshApp()) {
            long account = app.accounts().create("Hook GmbH", true).id();
            long silent = app.accounts().create("Silent GmbH", true).id();
            assertThatThrownBy(() -> app.webhooks().register(account, "ftp://example.com/x")).isInstanceOf(IllegalArgumentException.class);
            String secret = app.webhooks().register(account, "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");

            app.engine().dump(silent, "test", DumpEngine.Listener.NONE);
            DumpEngine.Result result = app.engine().dump(account, "test", DumpEngine.Listener.NONE);
            Delivery d = received.poll(20, TimeUnit.SECONDS);
            assertThat(d).isNotNull();
            assertThat(d.headers().get("event")).isEqualTo("dump.published");
            assertThat(d.headers().get("signature")).isEqualTo("sha256=" + Webhooks.sign(secret, d.headers().get("timestamp"), d.body()));
            assertThat(d.headers().get("signature")).isNotEqualTo("sha256=" + Webhooks.sign("whsec_wrong", d.headers().get("timestamp"), d.body()));
            JsonNode event = new ObjectMapper().readTree(d.body());
            assertThat(event.get("account_id").asLong()).isEqualTo(account);
            assertThat(event.get("dump_id").asLong()).isEqualTo(result.run().id());
            assertThat(received.poll(1, TimeUnit.SECONDS)).as("no event for the account without a webhook").isNull();
        } finally {
            receiver.stop(0);
        }
    }
}
