package io.datadump.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.access.FileMeta;
import io.datadump.access.UrlSigner;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.Manifest;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import io.datadump.schema.TableCatalog;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static App app; // plain JSON dumps
    static App gzipApp; // same database, gzip dumps, its own storage and server
    static String base, gzipBase;
    static long accountA, accountB, accountFree, accountNoDump;
    static String keyA, keyB, keyFree, keyNoDump;
    static Manifest manifestA;
    static final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void start() throws Exception {
        app = TestDatabases.freshApp(Map.of("DATADUMP_URL_TTL_SECONDS", "60"));
        accountA = app.accounts().create("A Immobilien", true).id();
        accountB = app.accounts().create("B Immobilien", true).id();
        accountFree = app.accounts().create("Free", false).id();
        accountNoDump = app.accounts().create("Fresh", true).id();
        app.generator().generate(accountA, GenerationPlan.forScale(1), 1, DemoDataGenerator.Progress.NONE);
        app.generator().generate(accountB, GenerationPlan.forScale(1), 2, DemoDataGenerator.Progress.NONE);
        manifestA = app.engine().dump(accountA, RunTrigger.CLI, DumpEvents.NONE).manifest();
        app.engine().dump(accountB, RunTrigger.CLI, DumpEvents.NONE);
        keyA = app.apiKeys().create(accountA, "a").secret();
        keyB = app.apiKeys().create(accountB, "b").secret();
        keyFree = app.apiKeys().create(accountFree, "free").secret();
        keyNoDump = app.apiKeys().create(accountNoDump, "nodump").secret();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.close();
        if (gzipApp != null) gzipApp.close();
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        // file links are relative to the server unless DATADUMP_PUBLIC_URL is set
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.startsWith("/") ? base + url : url))
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The JSON body; an error body is checked to carry Propstack's {"errors": [message]} beside error and message. */
    /** The file description a signed link carries (its m parameter). */
    static String meta(String link) {
        return link.replaceAll(".*[?&]m=([^&]*).*", "$1");
    }

    static JsonNode body(HttpResponse<byte[]> r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        if (r.statusCode() >= 400) assertPropstackErrors(body);
        return body;
    }

    static void assertPropstackErrors(JsonNode body) {
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("errors").isArray()).as(body.toString()).isTrue();
        assertThat(body.get("errors")).hasSize(1);
        assertThat(body.get("errors").get(0).asText())
                .isEqualTo(body.get("message").asText());
    }

    static String location(String table, String key) throws Exception {
        HttpResponse<byte[]> r = get(base + "/v1/datadump/" + table, "X-API-KEY", key);
        assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(302);
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        return r.headers().firstValue("Location").orElseThrow();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void everyTableRedirectsToItsFileWhichMatchesTheDump() throws Exception {
        for (TableFile f : manifestA.tables()) {
            String loc = location(f.name(), keyA);
            assertThat(loc)
                    .startsWith("/v1/files/accounts/" + accountA + "/") // relative: the Host header is never reflected
                    .contains("signature=")
                    .doesNotContain(keyA);
            HttpResponse<byte[]> file = get(loc);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(file.headers().firstValue("ETag")).hasValue("\"" + f.sha256() + "\"");
            assertThat(file.headers().firstValue("Last-Modified")).isPresent();
            assertThat(sha256(file.body())).isEqualTo(f.sha256());
            JsonNode rows = JSON.readTree(file.body());
            assertThat(rows.isArray()).isTrue();
            assertThat((long) rows.size()).as(f.name()).isEqualTo(f.rows());
        }
    }

    @Test
    void apiKeyAsQueryParameterWorksForToolsThatCannotSetHeaders() throws Exception {
        HttpResponse<byte[]> r = get(base + "/v1/datadump/contacts?api_key=" + keyA);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).doesNotContain(keyA);
    }

    @Test
    void authorizationBearerWorksLikeTheHeader() throws Exception {
        HttpResponse<byte[]> r = get(base + "/v1/datadump/contacts", "Authorization", "Bearer " + keyA);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow())
                .contains("/accounts/" + accountA + "/")
                .doesNotContain(keyA);
        assertThat(get(base + "/v1/datadump", "Authorization", "bearer " + keyB).statusCode())
                .isEqualTo(200);
        HttpResponse<byte[]> wrong = get(base + "/v1/datadump", "Authorization", "Bearer dd_wrong");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(body(wrong).get("error").asText()).isEqualTo("invalid_api_key");
        assertThat(body(wrong).get("message").asText()).contains("Authorization: Bearer");
        HttpResponse<byte[]> basic = get(base + "/v1/datadump", "Authorization", "Basic ZGQ6eA==");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(body(basic).get("error").asText()).isEqualTo("missing_api_key");
    }

    @Test
    void anUnknownKeyIsRefusedAgainAndAKeyCreatedMeanwhileWorksAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get(base + "/v1/datadump", "X-API-KEY", "dd_never_issued")
                            .statusCode())
                    .isEqualTo(401);
        }
        String fresh = app.apiKeys().create(accountA, "fresh").secret();
        assertThat(get(base + "/v1/datadump", "X-API-KEY", fresh).statusCode()).isEqualTo(200);
    }

    @Test
    void everyErrorCarriesPropstacksErrorsArray() throws Exception {
        String loc = location("contacts", keyA);
        String key = loc.substring("/v1/files/".length(), loc.indexOf('?'));
        UrlSigner signer = UrlSigner.fromConfig(
                app.config().api().signingSecret(), app.config().home());
        long future = Instant.now().getEpochSecond() + 60, past = Instant.now().getEpochSecond() - 10;
        String goneKey = key.replaceAll("-\\d+/contacts", "-999999/contacts");
        // an account whose current dump holds the contacts table only, and whose file then vanishes from storage
        // (no longer a server failure: serving needs storage only, and a missing file is a dump that is gone)
        long partial = app.accounts().create("Partial GmbH", true).id();
        String partialKey = app.apiKeys().create(partial, "p").secret();
        TableCatalog contactsOnly = app.catalog().only("contacts");
        String prefix = app.newEngine(contactsOnly, app.storage(), app.config().dump())
                .dump(partial, RunTrigger.CLI, DumpEvents.NONE)
                .run()
                .storagePrefix();
        String vanishing = location("contacts", partialKey);
        Path vanished = ((FileStorage) app.storage()).root().resolve(prefix).resolve("contacts.json");
        Files.delete(vanished);
        HttpResponse<byte[]> gone = get(vanishing);
        assertThat(gone.statusCode())
                .as("a file that is no longer in storage is gone")
                .isEqualTo(410);

        Map<String, HttpResponse<byte[]>> answers = new LinkedHashMap<>();
        answers.put("table_not_in_dump", get(base + "/v1/datadump/deals", "X-API-KEY", partialKey));
        answers.put("missing_api_key", get(base + "/v1/datadump"));
        answers.put("invalid_api_key", get(base + "/v1/datadump", "X-API-KEY", "dd_wrong"));
        answers.put("datadump_not_enabled", get(base + "/v1/datadump", "X-API-KEY", keyFree));
        answers.put("no_dump_yet", get(base + "/v1/datadump/contacts", "X-API-KEY", keyNoDump));
        answers.put("unknown_table", get(base + "/v1/datadump/nope", "X-API-KEY", keyA));
        answers.put("not_found", get(base + "/v2/nothing"));
        answers.put("invalid_signature", get(loc.replaceAll("signature=.*", "signature=00")));
        answers.put(
                "link_expired",
                get(base + "/v1/files/" + key + "?expires=" + past + "&m=" + meta(loc) + "&signature="
                        + signer.sign(FileMeta.signed(key, meta(loc)), past)));
        answers.put(
                "dump_gone",
                get(base + "/v1/files/" + goneKey + "?expires=" + future + "&m=" + meta(loc) + "&signature="
                        + signer.sign(FileMeta.signed(goneKey, meta(loc)), future)));
        answers.put("range_not_satisfiable", get(loc, "Range", "bytes=999999999-"));
        answers.put("invalid_run_id", get(base + "/v1/datadump/runs/x", "X-API-KEY", keyA));
        answers.put("unknown_run", get(base + "/v1/datadump/runs/999999", "X-API-KEY", keyA));
        answers.put(
                "method_not_allowed",
                http.send(
                        HttpRequest.newBuilder(URI.create(base + "/v1/datadump"))
                                .DELETE()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray()));
        answers.forEach((code, r) -> {
            assertThat(r.statusCode()).as(code).isGreaterThanOrEqualTo(400);
            try {
                JsonNode error = body(r);
                assertThat(error.get("error").asText()).isEqualTo(code);
            } catch (Exception e) {
                throw new AssertionError(code + ": " + new String(r.body()), e);
            }
        });
    }

    @Test
    void indexMatchesTheManifest() throws Exception {
        HttpResponse<byte[]> r = get(base + "/v1/datadump", "X-API-KEY", keyA);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode index = body(r);
        assertThat(index.get("dump_id").asLong()).isEqualTo(manifestA.dumpId());
        assertThat(index.get("snapshot_at").asText()).isEqualTo(manifestA.snapshotAt());
        assertThat(index.get("tables")).hasSize(26);
        for (JsonNode t : index.get("tables")) {
            TableFile f = manifestA.table(t.get("name").asText()).orElseThrow();
            assertThat(t.get("rows").asLong()).isEqualTo(f.rows());
            assertThat(t.get("bytes").asLong()).isEqualTo(f.bytes());
            assertThat(t.get("sha256").asText()).isEqualTo(f.sha256());
            assertThat(t.get("path").asText()).isEqualTo("/v1/datadump/" + f.name());
        }
    }

    @Test
    void authenticationAndEntitlementErrors() throws Exception {
        HttpResponse<byte[]> missing = get(base + "/v1/datadump/contacts");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(body(missing).get("error").asText()).isEqualTo("missing_api_key");
        assertThat(body(missing).get("message").asText()).contains("X-API-KEY");

        HttpResponse<byte[]> wrong = get(base + "/v1/datadump/contacts", "X-API-KEY", "dd_not-a-real-key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(body(wrong).get("error").asText()).isEqualTo("invalid_api_key");

        HttpResponse<byte[]> free = get(base + "/v1/datadump/contacts", "X-API-KEY", keyFree);
        assertThat(free.statusCode()).isEqualTo(403);
        assertThat(body(free).get("error").asText()).isEqualTo("datadump_not_enabled");

        HttpResponse<byte[]> noDump = get(base + "/v1/datadump/contacts", "X-API-KEY", keyNoDump);
        assertThat(noDump.statusCode()).isEqualTo(404);
        assertThat(body(noDump).get("error").asText()).isEqualTo("no_dump_yet");
        assertThat(body(noDump).get("next_dump_at").asText()).contains("T02:00");

        HttpResponse<byte[]> unknown = get(base + "/v1/datadump/leads", "X-API-KEY", keyA);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).get("tables")).hasSize(26);

        var revoked = app.apiKeys().create(accountA, "to revoke");
        assertThat(get(base + "/v1/datadump/contacts", "X-API-KEY", revoked.secret())
                        .statusCode())
                .isEqualTo(302);
        app.apiKeys().revoke(revoked.key().id());
        assertThat(get(base + "/v1/datadump/contacts", "X-API-KEY", revoked.secret())
                        .statusCode())
                .isEqualTo(401);

        HttpResponse<byte[]> nowhere = get(base + "/v2/whatever");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(body(nowhere).get("error").asText()).isEqualTo("not_found");
    }

    @Test
    void aNewDumpAndAChangedEntitlementShowAtOnceDespiteTheCache() throws Exception {
        long account = app.accounts().create("Cache GmbH", true).id();
        String key = app.apiKeys().create(account, "cache").secret();
        app.generator().generate(account, GenerationPlan.contactsOnly(5), 3, DemoDataGenerator.Progress.NONE);
        String first = app.engine()
                .dump(account, RunTrigger.CLI, DumpEvents.NONE)
                .run()
                .storagePrefix();
        assertThat(location("contacts", key)).contains("/v1/files/" + first); // now cached
        String second = app.engine()
                .dump(account, RunTrigger.CLI, DumpEvents.NONE)
                .run()
                .storagePrefix();
        assertThat(location("contacts", key)).contains("/v1/files/" + second);

        app.accounts().setDatadumpEnabled(account, false);
        HttpResponse<byte[]> off = get(base + "/v1/datadump/contacts", "X-API-KEY", key);
        assertThat(off.statusCode()).isEqualTo(403);
        app.accounts().setDatadumpEnabled(account, true);
        assertThat(location("contacts", key)).contains("/v1/files/" + second);
    }

    @Test
    void traversalInTableNamesAndFilePathsIsRefused() throws Exception {
        for (String table : new String[] {"..%2F..%2Fetc%2Fpasswd", "%2e%2e", "contacts%00", "CONTACTS", "..;"}) {
            HttpResponse<byte[]> r = get(base + "/v1/datadump/" + table, "X-API-KEY", keyA);
            assertThat(r.statusCode()).as(table).isIn(400, 404);
            assertThat(new String(r.body())).doesNotContain("/tmp").doesNotContain("Exception");
        }
        String loc = location("contacts", keyA);
        String query = loc.substring(loc.indexOf('?'));
        for (String path : new String[] {
            "accounts/" + accountA + "/../" + accountB + "/current.json",
            "..%2F..%2Fsigning.secret",
            "accounts%2F" + accountA + "%2F..%2F..%2Fsigning.secret",
            "%2e%2e/%2e%2e/signing.secret"
        }) {
            HttpResponse<byte[]> r = get(base + "/v1/files/" + path + query);
            assertThat(r.statusCode()).as(path).isIn(400, 403, 404);
            assertThat(new String(r.body())).doesNotContain("/tmp");
        }
    }

    @Test
    void signedUrlsCannotBeAlteredMovedOrReusedAfterExpiry() throws Exception {
        String loc = location("contacts", keyA);
        // move A's signature onto B's file
        String bLoc = location("contacts", keyB);
        String bPath = bLoc.substring(0, bLoc.indexOf('?'));
        HttpResponse<byte[]> moved = get(bPath + loc.substring(loc.indexOf('?')));
        assertThat(moved.statusCode()).isEqualTo(403);
        assertThat(body(moved).get("error").asText()).isEqualTo("invalid_signature");
        // alter the expiry
        HttpResponse<byte[]> later = get(loc.replaceAll("expires=(\\d+)", "expires=9999999999"));
        assertThat(later.statusCode()).isEqualTo(403);
        // alter the signature
        String sig = loc.substring(loc.indexOf("signature=") + 10);
        HttpResponse<byte[]> forged = get(loc.replace(sig, (sig.charAt(0) == 'a' ? "b" : "a") + sig.substring(1)));
        assertThat(forged.statusCode()).isEqualTo(403);
        // an expired but genuine signature
        UrlSigner signer = UrlSigner.fromConfig(
                app.config().api().signingSecret(), app.config().home());
        String key = loc.substring("/v1/files/".length(), loc.indexOf('?'));
        long past = Instant.now().getEpochSecond() - 10;
        HttpResponse<byte[]> expired = get(base + "/v1/files/" + key + "?expires=" + past + "&m=" + meta(loc)
                + "&signature=" + signer.sign(FileMeta.signed(key, meta(loc)), past));
        assertThat(expired.statusCode())
                .as("410: Power BI and Excel take 403 for wrong credentials")
                .isEqualTo(410);
        assertThat(body(expired).get("error").asText()).isEqualTo("link_expired");
    }

    @Test
    void aKeyOfOneAccountNeverYieldsAnotherAccountsData() throws Exception {
        JsonNode a = JSON.readTree(get(location("contacts", keyA)).body());
        JsonNode b = JSON.readTree(get(location("contacts", keyB)).body());
        Set<Long> idsA = new HashSet<>(), idsB = new HashSet<>();
        a.forEach(r -> idsA.add(r.get("id").asLong()));
        b.forEach(r -> idsB.add(r.get("id").asLong()));
        assertThat(idsA).isNotEmpty().doesNotContainAnyElementsOf(idsB);
        assertThat(location("contacts", keyB))
                .contains("/accounts/" + accountB + "/")
                .doesNotContain("/accounts/" + accountA + "/");
    }

    @Test
    void conditionalAndRangeRequests() throws Exception {
        TableFile f = manifestA.table("properties").orElseThrow();
        String loc = location("properties", keyA);
        HttpResponse<byte[]> notModified = get(loc, "If-None-Match", "\"" + f.sha256() + "\"");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(get(loc, "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);

        byte[] whole = get(loc).body();
        HttpResponse<byte[]> part = get(loc, "Range", "bytes=100-1099");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-1099/" + whole.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, 100, 1100));
        HttpResponse<byte[]> tail = get(loc, "Range", "bytes=-50");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 50, whole.length));
        HttpResponse<byte[]> beyond = get(loc, "Range", "bytes=" + whole.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + whole.length);
    }

    @Test
    void gzipDumpsAreServedCompressedOrDecompressedAsTheClientAccepts() throws Exception {
        synchronized (ApiServerTest.class) {
            if (gzipApp == null) {
                Path storage = Files.createTempDirectory("gz-storage");
                var env = TestDatabases.env(
                        app.config().home(), app.config().database().url().orElseThrow());
                env.put("DATADUMP_GZIP", "true");
                env.put("DATADUMP_STORAGE", "file:" + storage);
                gzipApp = App.open(Config.fromMap(env));
                gzipBase = "http://127.0.0.1:" + gzipApp.startApi("127.0.0.1", 0);
            }
        }
        long acc = gzipApp.accounts().create("Gzip GmbH", true).id();
        gzipApp.generator().generate(acc, GenerationPlan.forScale(1), 3, DemoDataGenerator.Progress.NONE);
        Manifest m = gzipApp.engine().dump(acc, RunTrigger.CLI, DumpEvents.NONE).manifest();
        TableFile f = m.table("contacts").orElseThrow();
        String key = gzipApp.apiKeys().create(acc, "gz").secret();
        HttpResponse<byte[]> redirect = get(gzipBase + "/v1/datadump/contacts", "X-API-KEY", key);
        String loc = gzipBase + redirect.headers().firstValue("Location").orElseThrow();

        HttpResponse<byte[]> compressed = get(loc, "Accept-Encoding", "gzip, deflate");
        assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(compressed.body().length).isEqualTo((int) f.bytes());
        assertThat(sha256(compressed.body())).isEqualTo(f.sha256());
        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(compressed.body())).readAllBytes();
        assertThat(sha256(inflated)).isEqualTo(f.jsonSha256());

        HttpResponse<byte[]> plain = get(loc);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body().length).isEqualTo((int) f.jsonBytes());
        assertThat(sha256(plain.body())).isEqualTo(f.jsonSha256());
        assertThat(plain.headers().firstValue("ETag")).hasValue("\"" + f.jsonSha256() + "\"");
        assertThat(JSON.readTree(plain.body()).size()).isEqualTo((int) f.rows());

        HttpResponse<byte[]> plainRange = get(loc, "Range", "bytes=10-19");
        assertThat(plainRange.statusCode()).isEqualTo(206);
        assertThat(plainRange.body()).isEqualTo(Arrays.copyOfRange(plain.body(), 10, 20));
    }

    @Test
    void healthReportsTheDatabase() throws Exception {
        HttpResponse<byte[]> r = get(base + "/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(body(r).get("database").asText()).isEqualTo("ok");
    }
}
