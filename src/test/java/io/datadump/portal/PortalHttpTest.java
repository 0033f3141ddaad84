package io.datadump.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.audit.Download;
import io.datadump.audit.DownloadAudit;
import io.datadump.cli.CliRunner;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.TestDatabases;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portal's and the operator's endpoints over real HTTP: sessions, CSRF, throttling, the audit, metrics. */
class PortalHttpTest {
    static final String METRICS_TOKEN = "metrics-token-for-tests-0123";
    static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    static App app;
    static String base, key, freeKey;
    static long account, free;

    @BeforeAll
    static void start() {
        app = TestDatabases.freshApp(Map.of("DATADUMP_METRICS_TOKEN", METRICS_TOKEN));
        account = app.accounts().create("Portal Immobilien GmbH", true).id();
        free = app.accounts().create("Ohne Datendump GmbH", false).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 5, DemoDataGenerator.Progress.NONE);
        app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        key = app.apiKeys().create(account, "Power BI").secret();
        freeKey = app.apiKeys().create(free, "x").secret();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** A browser-like client: cookies kept, redirects not followed. */
    static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient http, String path, Map<String, String> form) throws Exception {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Forwarded-For", "203.0.113.9")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String page) {
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a form with a CSRF token").isTrue();
        return m.group(1);
    }

    /** Signs in and returns the page's CSRF token. */
    static String signIn(HttpClient http, String apiKey) throws Exception {
        String token = csrf(get(http, "/portal/sign-in").body());
        HttpResponse<String> r = post(http, "/portal/sign-in", Map.of("csrf", token, "api_key", apiKey));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/portal");
        assertThat(r.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("dd_session=").contains("HttpOnly", "SameSite=Strict"))
                .allSatisfy(c -> assertThat(c).doesNotContain(apiKey.substring(3)));
        return csrf(get(http, "/portal").body());
    }

    @Test
    void everyPageIsSentWithHeadersThatAllowNothingFromElsewhere() throws Exception {
        for (String path : List.of("/", "/portal/sign-in", "/portal", "/portal/history.svg")) {
            HttpResponse<String> r = get(browser(), path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp)
                    .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "http:", "https:");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        // without a session every page leads to the sign-in form
        assertThat(get(browser(), "/portal/downloads").headers().firstValue("Location"))
                .hasValue("/portal/sign-in");
    }

    @Test
    void tablesTimesAndDatesAreInThePagesLanguage() throws Exception {
        HttpClient http = browser();
        signIn(http, key);
        for (String page : List.of("/portal", "/portal/downloads")) {
            String english = page(http, page, "en-US,en");
            assertThat(english)
                    .contains("<span>Appointments</span>", "<span>Contacts</span>")
                    .doesNotContain("<span>Termine</span>", "<span>Kontakte</span>");
            String german = page(http, page, "de-DE,de");
            assertThat(german)
                    .contains("<span>Termine</span>", "<span>Kontakte</span>")
                    .doesNotContain("<span>Appointments</span>");
        }
    }

    private static String page(HttpClient http, String path, String acceptLanguage) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .header("Accept-Language", acceptLanguage)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void tooSoonSaysWhenInTheAccountsTimeAndMinutes() throws Exception {
        HttpClient http = browser();
        signIn(http, key);
        String page = get(http, "/portal?notice=toosoon&wait=3555").body();
        java.time.ZonedDateTime at = java.time.ZonedDateTime.now(
                        app.accounts().get(account).timeZone())
                .plusSeconds(3555);
        assertThat(page)
                .containsPattern("You can start the next one at \\d\\d:\\d\\d \\(in 60 minutes\\)")
                .doesNotContain("3,555", "3555 seconds");
        String hhmm = page.replaceAll("(?s).*next one at (\\d\\d:\\d\\d).*", "$1");
        int shown = java.time.LocalTime.parse(hhmm).toSecondOfDay() / 60;
        int expected = at.toLocalTime().toSecondOfDay() / 60;
        int apart = Math.floorMod(shown - expected, 24 * 60);
        assertThat(Math.min(apart, 24 * 60 - apart))
                .as("the time is the account's")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void formsNeedTheirCsrfTokenAndSessionsEndWithTheirKey() throws Exception {
        HttpClient http = browser();
        // a sign-in posted without the form's own token (another site's form) is refused
        HttpResponse<String> forged = post(http, "/portal/sign-in", Map.of("csrf", "x", "api_key", key));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("The sign-in form had expired");

        String token = signIn(http, key);
        for (String run : List.of("999999", "abc")) {
            HttpResponse<String> unknown = get(http, "/portal/runs/" + run);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"error\":\"unknown_run\"", "\"errors\":[");
        }
        HttpResponse<String> noToken = post(http, "/portal/runs", Map.of());
        assertThat(noToken.statusCode()).isEqualTo(403);
        HttpResponse<String> queued = post(http, "/portal/runs", Map.of("csrf", token));
        assertThat(queued.statusCode()).isEqualTo(303);
        assertThat(queued.headers().firstValue("Location").orElseThrow()).startsWith("/portal?notice=queued&run=");
        String overview =
                get(http, queued.headers().firstValue("Location").get()).body();
        assertThat(overview).contains("was queued. Its status updates here.");
        // the queued run's status is said once, on the line that follows it live
        assertThat(overview).contains("id=\"run-status\"").doesNotContain("id=\"run-state\"");
        // a second request while it is queued is told so in a sentence
        HttpResponse<String> again = post(http, "/portal/runs", Map.of("csrf", token));
        assertThat(get(http, again.headers().firstValue("Location").orElseThrow())
                        .body())
                .contains("A dump of this account is already queued or running");

        // a key that is revoked takes its sessions with it
        long keyId = app.apiKeys().list(account).stream()
                .filter(k -> "Power BI".equals(k.name()))
                .findFirst()
                .orElseThrow()
                .id();
        String second = app.apiKeys().create(account, "Zweiter").secret();
        HttpClient other = browser();
        signIn(other, second);
        app.apiKeys()
                .revoke(app.apiKeys().list(account).stream()
                        .filter(k -> "Zweiter".equals(k.name()))
                        .findFirst()
                        .orElseThrow()
                        .id());
        assertThat(get(other, "/portal").headers().firstValue("Location")).hasValue("/portal/sign-in?expired=1");
        assertThat(get(http, "/portal").statusCode())
                .as("key %d still works", keyId)
                .isEqualTo(200);

        // signing out ends the session on the server, not only in the browser
        String cookie = ((CookieManager) http.cookieHandler().orElseThrow())
                .getCookieStore().get(URI.create(base + "/portal")).stream()
                        .filter(c -> c.getName().equals("dd_session"))
                        .findFirst()
                        .orElseThrow()
                        .getValue();
        post(http, "/portal/sign-out", Map.of("csrf", token));
        HttpResponse<String> replayed = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/portal"))
                                .header("Cookie", "dd_session=" + cookie)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).isEqualTo(303);
    }

    @Test
    void aWrongKeyIsRefusedAndRepeatedFailuresAreSlowedDown() throws Exception {
        HttpClient http = browser();
        HttpResponse<String> disabled = post(
                http,
                "/portal/sign-in",
                Map.of("csrf", csrf(get(http, "/portal/sign-in").body()), "api_key", freeKey));
        assertThat(disabled.statusCode()).isEqualTo(403);
        assertThat(disabled.body()).contains("The datadump is not enabled for this account");
        int status = 0;
        HttpResponse<String> r = null;
        for (int i = 0; i < 12 && status != 429; i++) {
            String token = csrf(get(http, "/portal/sign-in").body());
            r = post(http, "/portal/sign-in", Map.of("csrf", token, "api_key", "dd_wrong" + i));
            status = r.statusCode();
            if (status != 429) {
                assertThat(status).isEqualTo(401);
                assertThat(r.body()).contains("This API key is unknown or revoked.");
            }
        }
        assertThat(status).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).contains("Too many failed sign-ins from this address");
        // a valid key still signs in from the throttled address
        signIn(http, key);
    }

    @Test
    void sessionsEndAfterTheirIdleTime() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        PortalSessions sessions = new PortalSessions(app.jdbc(), Duration.ofMinutes(30), clock);
        long keyId = app.apiKeys().create(account, "idle").key().id();
        PortalSessions.Opened opened = sessions.open(account, keyId, "idle");
        now.set(now.get().plus(Duration.ofMinutes(20)));
        assertThat(sessions.find(opened.token())).isPresent(); // and this request slides it
        now.set(now.get().plus(Duration.ofMinutes(29)));
        assertThat(sessions.find(opened.token())).isPresent();
        now.set(now.get().plus(Duration.ofMinutes(31)));
        assertThat(sessions.find(opened.token())).isEmpty();
        assertThat(sessions.prune()).isGreaterThanOrEqualTo(1);
        assertThat(sessions.find("not-a-token")).isEmpty();
    }

    @Test
    void everyLinkAndFileIsAuditedAndOldEntriesArePruned() throws Exception {
        long before = app.audit().written();
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> redirect = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/datadump/deals?format=csv"))
                        .header("X-API-KEY", key)
                        .header("User-Agent", "Power BI/2.140")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        HttpResponse<byte[]> file = http.send(
                HttpRequest.newBuilder(URI.create(
                                base + redirect.headers().firstValue("Location").orElseThrow()))
                        .header("User-Agent", "Power BI/2.140")
                        .header("Range", "bytes=0-99")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(206);
        // the server records the file once it has sent it, which can be just after the client has read it all
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            app.audit().flush();
            if (app.audit().written() < before + 2) Thread.sleep(20);
        } while (app.audit().written() < before + 2 && System.nanoTime() < deadline);
        assertThat(app.audit().written()).isEqualTo(before + 2);
        List<DownloadAudit.Entry> entries = app.audit().list(account, Instant.EPOCH, 10).stream()
                .filter(e -> e.table().equals("deals"))
                .toList();
        assertThat(entries).hasSize(2);
        DownloadAudit.Entry served = entries.get(0), issued = entries.get(1);
        assertThat(served.kind()).isEqualTo("file");
        assertThat(served.bytesSent()).isEqualTo(100);
        assertThat(issued.kind()).isEqualTo("redirect");
        assertThat(issued.bytesSent()).isNull();
        for (DownloadAudit.Entry e : entries) {
            assertThat(e.format()).isEqualTo("csv");
            assertThat(e.keyName()).isEqualTo("Power BI");
            assertThat(e.dumpId())
                    .isEqualTo(app.runs().current(account).orElseThrow().id());
            assertThat(e.clientAddress()).isEqualTo("127.0.0.1");
            assertThat(e.userAgent()).isEqualTo("Power BI/2.140");
        }
        // the access page names the client as people know it, the full user agent on hover
        HttpClient portal = browser();
        signIn(portal, key);
        String page = get(portal, "/portal/access").body();
        assertThat(page).contains("title=\"Power BI/2.140\">Power BI / Excel</span> <small>127.0.0.1</small>");
        // no other account sees them
        assertThat(app.audit().list(free, Instant.EPOCH, 10)).isEmpty();
        // identical downloads within one write share a line, with their count
        for (int i = 0; i < 3; i++) {
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/datadump/teams"))
                            .header("X-API-KEY", key)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        app.audit().flush();
        List<DownloadAudit.Entry> teams = app.audit().list(account, Instant.EPOCH, 10).stream()
                .filter(e -> e.table().equals("teams"))
                .toList();
        assertThat(teams).hasSizeBetween(1, 3);
        assertThat(teams.stream().mapToInt(DownloadAudit.Entry::requests).sum()).isEqualTo(3);

        CliRunner.Outcome cli = CliRunner.run(app.config().variables(), "audit", "--account", Long.toString(account));
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("deals", "Power BI", "Power BI/2.140", "file", "redirect");

        // what is older than DATADUMP_AUDIT_DAYS is deleted by the housekeeping
        DownloadAudit later = new DownloadAudit(
                app.jdbc(), Duration.ofDays(90), Clock.offset(Clock.systemUTC(), Duration.ofDays(91)));
        later.record(new Download(
                Instant.now().plus(Duration.ofDays(91)),
                account,
                null,
                Download.Kind.FILE,
                "notes",
                "json",
                1,
                5L,
                "10.0.0.1",
                null));
        later.close();
        app.audit().flush();
        assertThat(later.prune()).isGreaterThanOrEqualTo(2);
        assertThat(app.audit().list(account, Instant.EPOCH, 100))
                .extracting(DownloadAudit.Entry::table)
                .containsExactly("notes");
    }

    @Test
    void metricsNeedTheTokenAndNameNoAccount() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/datadump/contacts"))
                        .header("X-API-KEY", key)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.send(
                HttpRequest.newBuilder(URI.create(base + "/metrics"))
                        .header("Authorization", "Bearer " + METRICS_TOKEN + "x")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        HttpResponse<String> r;
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do { // the database-backed gauges are read in the background: the first scrapes may show their defaults
            r = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                            .header("Authorization", "Bearer " + METRICS_TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.body().contains("datadump_accounts_enabled 1.0")) break;
            Thread.sleep(100);
        } while (System.nanoTime() < end);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(r.body())
                .contains(
                        "datadump_dump_runs_total{status=\"published\"}",
                        "datadump_dump_duration_seconds_bucket",
                        "datadump_table_dump_duration_seconds_count{table=\"contacts\"",
                        "datadump_dumped_rows_total{table=\"contacts\"}",
                        "datadump_dumped_bytes_total{table=\"contacts\"}",
                        "datadump_dumps{status=\"queued\"}",
                        "datadump_dumps{status=\"running\"}",
                        "datadump_accounts_enabled 1.0",
                        "datadump_accounts_stale 0.0",
                        "datadump_last_published_timestamp_seconds",
                        "datadump_http_requests_seconds_count{method=\"GET\",route=\"/v1/datadump/{table}\",status=\"302\"}",
                        "datadump_http_requests_seconds_bucket",
                        "datadump_downloads_total{format=\"json\",kind=\"redirect\"}",
                        "hikaricp_connections_active{pool=\"datadump-source\"}",
                        "jvm_memory_used_bytes")
                .doesNotContain("Portal Immobilien", key.substring(3), METRICS_TOKEN)
                .doesNotContain("datadump_table_dump_duration_seconds_bucket");
        // buckets where an alert reads them, few: a scrape stays small however many routes and tables answer
        assertThat(r.body().lines().filter(l -> l.startsWith("datadump_http_requests_seconds_bucket{")))
                .allMatch(l -> l.contains("le=\"0.005\"")
                        || l.contains("le=\"0.025\"")
                        || l.contains("le=\"0.1\"")
                        || l.contains("le=\"0.5\"")
                        || l.contains("le=\"2.0\"")
                        || l.contains("le=\"10.0\"")
                        || l.contains("le=\"60.0\"")
                        || l.contains("le=\"+Inf\""));

        // a node without the token does not serve metrics at all
        try (App off = TestDatabases.freshApp()) {
            String offBase = "http://127.0.0.1:" + off.startApi("127.0.0.1", 0);
            HttpResponse<String> none = http.send(
                    HttpRequest.newBuilder(URI.create(offBase + "/metrics"))
                            .header("Authorization", "Bearer " + METRICS_TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(404);
            assertThat(none.body()).contains("DATADUMP_METRICS_TOKEN");
        }
        assertThat(Files.exists(app.config().home())).isTrue();
    }
}
