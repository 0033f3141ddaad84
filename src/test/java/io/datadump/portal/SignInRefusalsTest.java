package io.datadump.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.datadump.App;
import io.datadump.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A refused portal sign-in is counted in the refusal log under its error code, as the API's refusals are. */
class SignInRefusalsTest {
    static int signIn(HttpClient http, String base, String form) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + "/portal/sign-in"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void aWrongKeyAtTheSignInIsCountedAsInvalidApiKey() throws Exception {
        Logger refusals = (Logger) LoggerFactory.getLogger("io.datadump.api.RefusalLog");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        refusals.addAppender(logged);
        App app = TestDatabases.freshApp();
        try {
            String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
            HttpClient http = PortalHttpTest.browser();
            String page = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/portal/sign-in"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(signIn(http, base, "csrf=" + PortalHttpTest.csrf(page) + "&api_key=dd_wrong00000000000000"))
                    .isEqualTo(401);
            assertThat(signIn(http, base, "csrf=forged&api_key=dd_x")).isEqualTo(403);
        } finally {
            app.close(); // writes the interval's counts
            refusals.detachAppender(logged);
        }
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line)
                        .contains("401 invalid_api_key=1", "403 invalid_form=1")
                        .doesNotContain(" -="));
    }
}
