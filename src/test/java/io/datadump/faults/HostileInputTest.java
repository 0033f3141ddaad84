package io.datadump.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.read.ListAppender;
import io.datadump.App;
import io.datadump.auth.AuthThrottle;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.RawHttp;
import io.datadump.support.TestDatabases;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;

/** What an attacker or a broken client sends: never a 5xx, never a key in the log, never more than a few log lines. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    static App app;
    static int port;
    static String key, link;
    static long dumpId;
    static final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        app = TestDatabases.freshApp();
        long account = app.accounts().create("Angriff GmbH", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 3, DemoDataGenerator.Progress.NONE);
        dumpId = app.engine()
                .dump(account, RunTrigger.CLI, DumpEvents.NONE)
                .run()
                .id();
        key = app.apiKeys().create(account, "k").secret();
        port = app.startApi("127.0.0.1", 0);
        link = get("/v1/datadump/contacts", "X-API-KEY: " + key).header("Location");
        logged.start();
        root().addAppender(logged);
    }

    @AfterAll
    static void stop() {
        root().detachAppender(logged);
        app.close();
    }

    static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    static RawHttp.Response get(String path, String... headers) throws Exception {
        return send("GET " + path + " HTTP/1.1", headers);
    }

    static RawHttp.Response send(String requestLine, String... headers) throws Exception {
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: localhost");
        for (String h : headers) head.append("\r\n").append(h);
        return RawHttp.send(port, head.toString());
    }

    /** The corpus: encodings, traversal, methods, headers, ranges, signatures, parameters. */
    static List<String[]> corpus() {
        List<String[]> c = new ArrayList<>();
        String k = "X-API-KEY: " + key;
        String bad = "X-API-KEY: dd_wrong_but_well_formed_key";
        String sig = link.substring(link.indexOf('?'));
        String file = link.substring(0, link.indexOf('?'));
        for (String prefix : List.of("/v1/datadump/", "/v1/files/", "/v1/datadump/runs/", "/v1/datadump/contacts/")) {
            for (String p : List.of(
                    "%u0041",
                    "%zz",
                    "%",
                    "%0",
                    "%00",
                    "%0a",
                    "%0d%0a",
                    "%ff%fe",
                    "%252e%252e",
                    "..%2f..%2fetc%2fpasswd",
                    "%2e%2e/%2e%2e/etc/passwd",
                    "....//....//",
                    "a%20b",
                    "%7f",
                    "😀")) {
                c.add(new String[] {"GET " + prefix + p + " HTTP/1.1", k});
            }
        }
        for (String p : List.of(
                "/v1/files/../../../../etc/passwd",
                "/v1/files/accounts/1/../2/x.json",
                "/v1/files/accounts/1/dumps/x/contacts.json",
                "/v1/files//etc/passwd",
                "/v1/datadump/contacts/../../x",
                "/v1/datadump/" + "a".repeat(5000),
                "/v1/datadump?" + "a=b&".repeat(500),
                "/v1/datadump/contacts?columns=" + "x,".repeat(2000),
                "/v1/datadump/contacts?format=csv&format=json",
                "/v1/datadump?dump=-1",
                "/v1/datadump?dump=99999999999999999999",
                "/v1/datadump?date=2026-02-30",
                "/v1/datadump?date=%00",
                "/v1/datadump/contacts/changes?since=",
                "/v1/datadump/contacts/changes?since=abc",
                "/v1/datadump/contacts/changes?since=-5",
                "/v1/datadump/runs/-1",
                "/v1/datadump/runs/1e9",
                "/v1/openapi.json?x=1",
                "/health?verbose=true")) {
            c.add(new String[] {"GET " + p + " HTTP/1.1", k});
        }
        for (String m : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO")) {
            for (String p : List.of("/v1/datadump", "/v1/datadump/contacts", "/v1/datadump/runs", file + sig)) {
                c.add(new String[] {m + " " + p + " HTTP/1.1", k, "Content-Length: 0"});
            }
        }
        for (String h : List.of(
                "X-API-KEY: " + "x".repeat(10_000),
                "Authorization: Bearer",
                "Authorization: Bearer " + "dd_" + "y".repeat(300),
                "Authorization: Basic ZGQ6",
                "Authorization: bearer\tdd_tab",
                "X-API-KEY: dd_\u00e4\u00f6",
                "X-API-KEY:",
                bad,
                "Accept: text/csv;q=abc",
                "Accept: ../../etc",
                "Accept-Encoding: gzip;q=2, *;q=-1")) {
            c.add(new String[] {"GET /v1/datadump HTTP/1.1", h});
        }
        for (String r : List.of(
                "bytes=-",
                "bytes=abc",
                "bytes=5-1",
                "bytes=99999999999999999999-",
                "bytes=0-0," + "1-1,".repeat(200) + "2-2",
                "bytes=--1",
                "items=0-1",
                "bytes=0-1;",
                "bytes= ",
                "bytes=-0")) {
            c.add(new String[] {"GET " + link + " HTTP/1.1", "Range: " + r});
        }
        for (String s : List.of(
                file + "?expires=1&signature=00",
                file + "?expires=abc&m=x&signature=y",
                file,
                file + "?signature=" + "0".repeat(64),
                link.replace("signature=", "signature=ZZ"),
                link.replace("m=p.", "m=g."),
                link.replace("expires=", "expires=1"),
                link + "&extra=1",
                link.replace("/contacts.json", "/deals.json"),
                link.replace("accounts/", "accounts/9"))) {
            c.add(new String[] {"GET " + s + " HTTP/1.1"});
        }
        c.add(new String[] {"GET /v1/datadump HTTP/1.0"});
        c.add(new String[] {"POST /v1/datadump/runs HTTP/1.1", bad, "Content-Length: 0"});
        c.add(new String[] {"POST /v1/datadump/runs HTTP/1.1", "Content-Length: 5", "Transfer-Encoding: chunked"});
        return c;
    }

    @Test
    void aCorpusOfHostileRequestsGetsNoServerErrorAndBoundedLogging() throws Exception {
        List<String[]> corpus = corpus();
        assertThat(corpus.size()).isGreaterThanOrEqualTo(100);
        int before = logged.list.size();
        List<String> failures = new ArrayList<>();
        for (String[] request : corpus) {
            String[] headers = Arrays.copyOfRange(request, 1, request.length);
            RawHttp.Response r = send(request[0], headers);
            if (r.status() >= 500 || r.status() == 0) failures.add(r.status() + " for " + abbreviate(request[0]));
            if (r.status() >= 400
                    && r.status() != 405
                    && r.header("Content-Type") != null
                    && r.header("Content-Type").startsWith("application/json")) {
                assertThat(r.text()).as(request[0]).contains("\"error\"").contains("\"errors\"");
            }
        }
        assertThat(failures).isEmpty();
        assertThat(logged.list.size() - before)
                .as("log lines for " + corpus.size() + " hostile requests")
                .isLessThanOrEqualTo(5);
    }

    @Test
    void headAnswersLikeGetWithoutTheBodyOnEveryRoute() throws Exception {
        String k = "X-API-KEY: " + key;
        for (String path : List.of(
                "/health",
                "/v1/datadump",
                "/v1/datadump/dumps",
                "/v1/datadump/contacts",
                "/v1/datadump/contacts/schema",
                "/v1/datadump/contacts/changes?since=" + dumpId,
                "/v1/openapi.json",
                link)) {
            RawHttp.Response get = get(path, k);
            RawHttp.Response head = send("HEAD " + path + " HTTP/1.1", k);
            assertThat(head.status()).as(path).isEqualTo(get.status());
            assertThat(head.body()).as(path).isEmpty();
            for (String h : List.of("Content-Type", "ETag", "Location", "Content-Length")) {
                if (h.equals("Location") && get.header(h) != null) {
                    assertThat(head.header(h)).as(path + " " + h).startsWith("/v1/files/");
                } else if (!h.equals("Location")) {
                    assertThat(head.header(h)).as(path + " " + h).isEqualTo(get.header(h));
                }
            }
        }
        assertThat(send("HEAD /v1/datadump HTTP/1.1").status())
                .as("HEAD is authenticated too")
                .isEqualTo(401);
        assertThat(send("HEAD /v1/datadump/runs/1 HTTP/1.1").status()).isEqualTo(401);
    }

    @Test
    @Order(Integer.MAX_VALUE - 1) // throttles this address: after the tests that expect 401
    void repeatedWrongKeysFromOneAddressAreThrottledButAValidKeyIsNot() throws Exception {
        int throttled = 0;
        RawHttp.Response last = null;
        for (int i = 0; i < 40; i++) {
            last = get("/v1/datadump", "X-API-KEY: dd_guess_" + i + "_abcdefgh");
            if (last.status() == 429) throttled++;
        }
        assertThat(throttled).isPositive();
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(last.text()).contains("too_many_failed_attempts");
        assertThat(get("/v1/datadump", "X-API-KEY: " + key).status())
                .as("a valid key is never slowed")
                .isEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aFloodOfWrongKeysFromAThrottledAddressCostsTheDatabaseAtMostAQueryASecond() throws Exception {
        long before = app.apiKeys().databaseLookups();
        long t0 = System.nanoTime();
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            if (get("/v1/datadump", "X-API-KEY: dd_flood_" + i + "_abcdefghijkl")
                            .status()
                    == 429) refused++;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long queries = app.apiKeys().databaseLookups() - before;
        assertThat(refused).isGreaterThan(300);
        assertThat(queries)
                .as("%d wrong keys in %.1f s", 400, seconds)
                .isLessThanOrEqualTo(AuthThrottle.API_LIMIT + (long) Math.ceil(seconds) + 1);
        // a valid key from the same address: cached, or looked up within a second
        int status = get("/v1/datadump", "X-API-KEY: " + key).status();
        if (status == 429) {
            Thread.sleep(1100);
            status = get("/v1/datadump", "X-API-KEY: " + key).status();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void theHostHeaderIsNeverReflectedIntoALink() throws Exception {
        RawHttp.Response evil =
                RawHttp.send(port, "GET /v1/datadump/contacts HTTP/1.1\r\nHost: evil.example\r\nX-API-KEY: " + key);
        assertThat(evil.status()).isEqualTo(302);
        assertThat(evil.header("Location")).startsWith("/v1/files/").doesNotContain("evil");
        RawHttp.Response old = RawHttp.send(port, "GET /v1/datadump/contacts HTTP/1.0\r\nX-API-KEY: " + key);
        assertThat(old.header("Location")).startsWith("/v1/files/").doesNotContain("null");
    }

    @Test
    void noLogLineOfAnyComponentShowsAKey() throws Exception {
        int before = logged.list.size();
        send("CONNECT /v1/datadump?api_key=" + key + " HTTP/1.1");
        get("/v1/datadump?api_key=" + key + "%zz");
        get("/v1/datadump/%u0041?api_key=" + key);
        LoggerFactory.getLogger("org.eclipse.jetty.test").warn("a line with ?api_key=" + key + " and Bearer " + key);
        String encoded = key.replace("_", "%5F");
        LoggerFactory.getLogger("org.eclipse.jetty.test2")
                .warn("encoded: ?api%5Fkey=" + encoded + "&x=1, api_key%3D" + encoded + ", Bearer%20" + encoded);
        get("/v1/datadump?api%5Fkey=" + encoded + "%zz");
        @SuppressWarnings("unchecked")
        var layout = ((LayoutWrappingEncoder<ILoggingEvent>)
                        ((ConsoleAppender<ILoggingEvent>) root().getAppender("STDERR")).getEncoder())
                .getLayout();
        List<ILoggingEvent> events = new ArrayList<>(logged.list.subList(before, logged.list.size()));
        assertThat(events).isNotEmpty();
        for (ILoggingEvent e : events) {
            assertThat(layout.doLayout(e)).doesNotContain(key.substring(3)).doesNotContain(encoded.substring(5));
        }
        // a count of refusals by error code is no key: it keeps its number
        LoggerFactory.getLogger("io.datadump.api.RefusalLog")
                .info("refused or failed in the last 60 s: {401 invalid_api_key=3, 401 missing_api_key=2}");
        assertThat(layout.doLayout(logged.list.get(logged.list.size() - 1)))
                .contains("{401 invalid_api_key=3, 401 missing_api_key=2}");
    }

    @Test
    void aFloodOfMalformedAuthoritiesLeavesAFewLinesInTheLog() throws Exception {
        int before = logged.list.size();
        String longHost = "h".repeat(7000);
        for (int i = 0; i < 60; i++) {
            RawHttp.send(port, "GET /v1/datadump HTTP/1.1\r\nHost: a b");
            RawHttp.send(port, "GET /v1/datadump HTTP/1.1\r\nHost: " + longHost + " x");
            RawHttp.send(port, "CONNECT bad:target:99 HTTP/1.1\r\nHost: localhost");
            RawHttp.send(port, "GET http://localhost:99999/v1/datadump HTTP/1.1\r\nHost: localhost");
        }
        List<ILoggingEvent> events = new ArrayList<>(logged.list.subList(before, logged.list.size()));
        assertThat(events.size()).as("log lines for 240 malformed authorities").isLessThanOrEqualTo(10);
        @SuppressWarnings("unchecked")
        var layout = ((LayoutWrappingEncoder<ILoggingEvent>)
                        ((ConsoleAppender<ILoggingEvent>) root().getAppender("STDERR")).getEncoder())
                .getLayout();
        for (ILoggingEvent e : events) assertThat(layout.doLayout(e).length()).isLessThan(5000);
    }

    @Test
    void aConnectRequestGetsAJsonErrorAndItsConnectionIsClosedAtOnce() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
            long t0 = System.nanoTime();
            byte[] answer = s.getInputStream().readAllBytes(); // until the server closes
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 4");
            assertThat(text).contains("application/json").contains("\"error\"");
            assertThat(millis).as("the connection is closed, not held").isLessThan(2_000);
        }
    }

    static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
