package io.datadump.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEngine;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpException;
import io.datadump.dump.Manifest;
import io.datadump.dump.RetentionPolicy;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import io.datadump.support.FailingStorage;
import io.datadump.support.S3ProxyServer;
import io.datadump.support.TestDatabases;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class S3StorageTest {
    static S3ProxyServer s3;
    static App app;
    static long account;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start("datadump");
        app = TestDatabases.freshApp(s3.env("datadump", "tenants"));
        account = app.accounts().create("S3 Immobilien", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 11, DemoDataGenerator.Progress.NONE);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (s3 != null) s3.close();
    }

    static List<String> keys(String prefix) {
        try (S3Client client = s3.client()) {
            return client.listObjectsV2Paginator(r -> r.bucket("datadump").prefix(prefix)).contents().stream()
                    .map(o -> o.key())
                    .toList();
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void dumpThenPresignedRedirectThenPlainDownloadEqualsTheManifest() throws Exception {
        Manifest m = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).manifest();
        String key = app.apiKeys().create(account, "s3").secret();
        String base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        for (String table : List.of("contacts", "properties", "deal_pipelines", "groups")) {
            HttpResponse<String> redirect = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/datadump/" + table))
                            .header("X-API-KEY", key)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(302);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            assertThat(location)
                    .startsWith(s3.endpoint() + "/datadump/tenants/accounts/" + account + "/dumps/")
                    .contains("X-Amz-Signature=");
            HttpResponse<byte[]> file = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(location)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            TableFile tf = m.table(table).orElseThrow();
            assertThat(sha256(file.body())).isEqualTo(tf.sha256());
            assertThat(new ObjectMapper().readTree(file.body()).size()).isEqualTo((int) tf.rows());
        }
        assertThat(keys("tenants/accounts/" + account + "/")).contains("tenants/accounts/" + account + "/current.json");
    }

    /**
     * The second night: a changed table is a delta (its changed rows uploaded, the rest copied in the bucket) that the
     * API serves itself; whole files are presigned and carry their SHA-256; the uploads are counted for /metrics.
     */
    @Test
    void aChangedTableIsADeltaTheApiServesAndWholeFilesCarryTheirSha256() throws Exception {
        Map<String, String> env = new HashMap<>(s3.env("datadump", "deltas"));
        env.put("DATADUMP_S3_DELTA_MIN_KB", "0");
        try (App deltas = TestDatabases.freshApp(env)) {
            long acc = deltas.accounts().create("Delta S3", true).id();
            deltas.generator().generate(acc, GenerationPlan.forScale(1), 12, DemoDataGenerator.Progress.NONE);
            Manifest first =
                    deltas.engine().dump(acc, RunTrigger.CLI, DumpEvents.NONE).manifest();
            deltas.builtInCrm()
                    .update(
                            "UPDATE contacts SET updated_at = now() AT TIME ZONE 'UTC' WHERE account_id = ? AND id ="
                                    + " (SELECT min(id) FROM contacts WHERE account_id = ?)",
                            acc,
                            acc);
            Manifest second =
                    deltas.engine().dump(acc, RunTrigger.CLI, DumpEvents.NONE).manifest();
            assertThat(second.table("contacts").orElseThrow().changes().changed())
                    .isEqualTo(1);
            assertThat(keys("deltas/accounts/" + acc + "/dumps/"))
                    .anyMatch(k -> k.endsWith("/contacts.json.segments"))
                    .anyMatch(k -> k.contains("/.data/"));

            String key = deltas.apiKeys().create(acc, "s3").secret();
            String base = "http://127.0.0.1:" + deltas.startApi("127.0.0.1", 0);
            HttpClient http = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            for (String table : List.of("contacts", "groups")) {
                String location = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/v1/datadump/" + table))
                                        .header("X-API-KEY", key)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .headers()
                        .firstValue("Location")
                        .orElseThrow();
                TableFile tf = second.table(table).orElseThrow();
                if (table.equals("contacts")) { // the delta: served by the API through its recipe
                    assertThat(location).startsWith("/v1/files/");
                    HttpResponse<byte[]> file = http.send(
                            HttpRequest.newBuilder(URI.create(base + location)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(file.statusCode()).isEqualTo(200);
                    assertThat(sha256(file.body())).isEqualTo(tf.sha256());
                    assertThat(tf.sha256())
                            .isNotEqualTo(first.table(table).orElseThrow().sha256());
                } else { // unchanged: a server-side copy of the first night's object, presigned, with its SHA-256
                    assertThat(location).startsWith(s3.endpoint());
                    HttpResponse<byte[]> file = HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create(location)).build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(sha256(file.body())).isEqualTo(tf.sha256());
                    assertThat(file.headers().firstValue("x-amz-meta-sha256")).hasValue(tf.sha256());
                }
            }
            assertThat(deltas.metrics().scrape()).containsPattern("datadump_s3_uploaded_bytes_total [1-9]");
        }
    }

    @Test
    void retentionDeletesObjectsAndAFailedUploadLeavesNothingVisible() throws Exception {
        long acc = app.accounts().create("Retention S3", true).id();
        DumpEngine keepOne = app.newEngine(
                app.catalog(),
                app.storage(),
                app.config().dump().withGzip(false).withRetention(new RetentionPolicy(1, 0, 0)));
        var first = keepOne.dump(acc, RunTrigger.CLI, DumpEvents.NONE);
        assertThat(keys("tenants/" + first.run().storagePrefix())).hasSize(27); // 26 tables + manifest
        var second = keepOne.dump(acc, RunTrigger.CLI, DumpEvents.NONE);
        // dropped, it stays for its links' lifetime; then housekeeping deletes it (in one multi-object delete)
        assertThat(keys("tenants/" + first.run().storagePrefix())).hasSize(27);
        app.jdbc()
                .update(
                        "UPDATE dump_runs SET delete_after = now() WHERE id = ?",
                        first.run().id());
        app.runHousekeeping();
        assertThat(keys("tenants/" + first.run().storagePrefix())).isEmpty();
        assertThat(keys("tenants/" + second.run().storagePrefix())).hasSize(27);

        Storage failing = new FailingStorage(app.storage(), "contacts.json");
        DumpEngine broken = app.newEngine(
                app.catalog(),
                failing,
                app.config().dump().withGzip(false).withRetention(new RetentionPolicy(1, 0, 0)));
        app.generator().generate(acc, GenerationPlan.contactsOnly(2000), 1, DemoDataGenerator.Progress.NONE);
        assertThatThrownBy(() -> broken.dump(acc, RunTrigger.CLI, DumpEvents.NONE))
                .isInstanceOf(DumpException.class)
                .hasMessageContaining("writing table contacts to storage");
        assertThat(app.runs().current(acc).orElseThrow().id())
                .isEqualTo(second.run().id());
        assertThat(keys("tenants/accounts/" + acc + "/dumps/"))
                .allMatch(k -> k.contains("-" + second.run().id() + "/"));
    }

    @Test
    void largeObjectsStreamAsMultipartUploadsAndReadBackByRange() throws Exception {
        S3Storage storage = new S3Storage(s3.settings("datadump", "raw", 5 << 20, Long.MAX_VALUE));
        byte[] data = new byte[12 << 20];
        new Random(7).nextBytes(data);
        try (Storage.ObjectSink sink = storage.create("big/file.json")) {
            for (int i = 0; i < data.length; i += 100_000) sink.write(data, i, Math.min(100_000, data.length - i));
            assertThat(storage.stat("big/file.json")).isEmpty(); // invisible until committed
            sink.commit();
        }
        assertThat(storage.stat("big/file.json").orElseThrow().size()).isEqualTo(data.length);
        try (InputStream in = storage.open("big/file.json", 6_000_000, 1000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 6_000_000, 6_001_000));
        }
        try (Storage.ObjectSink sink = storage.create("big/aborted.json")) {
            sink.write(data, 0, 6 << 20); // one part uploaded, then abandoned
        }
        assertThat(storage.stat("big/aborted.json")).isEmpty();
        storage.deletePrefix("big");
        assertThat(storage.stat("big/file.json")).isEmpty();
        // like file storage, deletePrefix takes the object at the key itself too: the write check leaves nothing
        try (Storage.ObjectSink sink = storage.create("single.json")) {
            sink.write('x');
            sink.commit();
        }
        storage.deletePrefix("single.json");
        assertThat(storage.stat("single.json")).isEmpty();
        storage.checkWritable();
        try (var client = s3.client()) {
            assertThat(client.listObjectsV2(r -> r.bucket("datadump").prefix("raw/"))
                            .contents())
                    .noneMatch(o -> o.key().contains(".write-check-"));
        }
    }
}
