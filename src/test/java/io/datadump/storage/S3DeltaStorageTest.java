package io.datadump.storage;

import static io.datadump.storage.FileStorageDeltaTest.ID;
import static io.datadump.storage.FileStorageDeltaTest.put;
import static io.datadump.storage.FileStorageDeltaTest.read;
import static io.datadump.storage.FileStorageDeltaTest.row;
import static io.datadump.storage.FileStorageDeltaTest.rows;
import static io.datadump.storage.FileStorageDeltaTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.support.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Deltas on S3 against a real S3 server (s3proxy): what is read back is what was written, only the changed lines are
 * uploaded, a delta outlives its base's deletion, and whole objects carry their SHA-256 for presigned downloads.
 */
class S3DeltaStorageTest {
    static S3ProxyServer s3;
    static int prefixes;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3ProxyServer.start("deltas");
    }

    @AfterAll
    static void stop() {
        if (s3 != null) s3.close();
    }

    static S3Storage storage(long deltaMinBytes, long copyPartBytes) {
        return new S3Storage(s3.settings("deltas", "run" + (++prefixes), 5 << 20, deltaMinBytes), copyPartBytes);
    }

    /** Object keys under the storage's prefix, with their sizes. */
    static Map<String, Long> objects(S3Storage storage) {
        String prefix = storage.describe().substring("s3://deltas/".length());
        try (S3Client client = s3.client()) {
            return client.listObjectsV2Paginator(r -> r.bucket("deltas").prefix(prefix)).contents().stream()
                    .filter(o -> !o.key().endsWith("/")) // s3proxy's file system store lists its directories
                    .collect(Collectors.toMap(o -> o.key().substring(prefix.length()), o -> o.size()));
        }
    }

    static List<String> changed(List<String> day, Random random, int day0) {
        List<String> next = new ArrayList<>(day);
        for (int i = 0; i < next.size() / 100; i++) {
            int at = random.nextInt(next.size());
            next.set(
                    at,
                    row(Long.parseLong(next.get(at).substring(6, next.get(at).indexOf(','))), "day " + day0));
        }
        next.remove(random.nextInt(next.size()));
        long last = Long.parseLong(
                next.get(next.size() - 1).substring(6, next.get(next.size() - 1).indexOf(',')));
        for (int i = 1; i <= 10; i++) next.add(row(last + i, "new on day " + day0));
        return next;
    }

    @Test
    void aWeekOfDeltasReadsBackExactlyUploadsOnlyTheChangesAndOutlivesItsBases() throws Exception {
        S3Storage storage = storage(0, S3Objects.COPY_OBJECT_LIMIT);
        Random random = new Random(11);
        List<String> day = rows(5000);
        byte[] first = table(day);
        put(storage, "a/1/t.json", null, first);
        long afterFirst = storage.uploadedBytes();
        assertThat(afterFirst).isEqualTo(first.length);
        List<byte[]> days = new ArrayList<>(List.of(first));
        for (int d = 2; d <= 7; d++) {
            day = changed(day, random, d);
            byte[] bytes = table(day);
            long before = storage.uploadedBytes();
            put(storage, "a/" + d + "/t.json", "a/" + (d - 1) + "/t.json", bytes);
            long uploaded = storage.uploadedBytes() - before;
            // about 1 % of the rows changed and 10 new: their lines and the recipe, never the whole file again
            assertThat(uploaded).as("day %d uploaded", d).isBetween(1_000L, bytes.length / 20L);
            days.add(bytes);
            assertThat(read(storage, "a/" + d + "/t.json", 0, -1)).isEqualTo(bytes);
            assertThat(storage.stat("a/" + d + "/t.json").orElseThrow().size()).isEqualTo(bytes.length);
            // a delta is served by the API through its recipe, not by a presigned link
            assertThat(storage.presignedGet("a/" + d + "/t.json", Duration.ofMinutes(5), "application/json"))
                    .isEmpty();
        }
        assertThat(storage.presignedGet("a/1/t.json", Duration.ofMinutes(5), "application/json"))
                .isPresent();
        byte[] last = days.get(6);
        // ranges across segments and data objects
        FileStorageDeltaTest.readsRandomRanges(storage, "a/7/t.json", last, random, 100, 20_000);
        for (int d = 1; d <= 6; d++) storage.deletePrefix("a/" + d + "/"); // retention: the last day keeps its data
        assertThat(read(storage, "a/7/t.json", 0, -1)).isEqualTo(last);
        assertThat(objects(storage).keySet()).allMatch(k -> k.startsWith("a/7/"));
    }

    @Test
    void anUnchangedObjectIsAServerSideCopyOfItsBaseAndPresignedWithItsSha256() throws Exception {
        S3Storage storage = storage(0, S3Objects.COPY_OBJECT_LIMIT);
        byte[] first = table(rows(3000));
        put(storage, "a/1/t.json", null, first);
        long before = storage.uploadedBytes();
        put(storage, "a/2/t.json", "a/1/t.json", first);
        assertThat(storage.uploadedBytes()).isEqualTo(before); // nothing uploaded
        assertThat(objects(storage)).containsEntry("a/2/t.json", (long) first.length);
        assertThat(objects(storage).keySet()).noneMatch(k -> k.startsWith("a/2/.data") || k.endsWith(".segments"));
        URI link = storage.presignedGet("a/2/t.json", Duration.ofMinutes(5), "application/json")
                .orElseThrow();
        HttpResponse<byte[]> got = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.body()).isEqualTo(first);
        assertThat(got.headers().firstValue("x-amz-meta-sha256")).hasValue(sha256(first));

        // a delta unchanged from a delta is the base's recipe again, on the base's data copied under its own prefix
        List<String> changedRows = new ArrayList<>(rows(3000));
        changedRows.set(5, row(6, "changed"));
        byte[] second = table(changedRows);
        put(storage, "a/3/t.json", "a/2/t.json", second);
        put(storage, "a/4/t.json", "a/3/t.json", second);
        storage.deletePrefix("a/3/");
        assertThat(read(storage, "a/4/t.json", 0, -1)).isEqualTo(second);
        assertThat(objects(storage)).containsKey("a/4/t.json.segments").doesNotContainKey("a/4/t.json");
    }

    @Test
    void aMultipartUploadCarriesItsSha256AndLargeCopiesGoInParts() throws Exception {
        S3Storage storage = storage(0, 5 << 20); // copies over 5 MiB in parts of 5 MiB
        List<String> rows = rows(60_000); // ~13 MB, three parts of 5 MiB
        byte[] first = table(rows);
        put(storage, "a/1/t.json", null, first);
        byte[] second = first.clone();
        put(storage, "a/2/t.json", "a/1/t.json", second); // unchanged: a copy in three parts
        for (String key : List.of("a/1/t.json", "a/2/t.json")) {
            URI link = storage.presignedGet(key, Duration.ofMinutes(5), "application/json")
                    .orElseThrow();
            HttpResponse<byte[]> got = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(link).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.body()).as(key).isEqualTo(first);
            assertThat(got.headers().firstValue("x-amz-meta-sha256")).as(key).hasValue(sha256(first));
        }
        List<String> changedRows = new ArrayList<>(rows);
        changedRows.set(30_000, row(30_001, "changed"));
        byte[] third = table(changedRows);
        long before = storage.uploadedBytes();
        put(storage, "a/3/t.json", "a/2/t.json", third); // the base's 13 MB data object copied in parts
        assertThat(storage.uploadedBytes() - before).isLessThan(10_000);
        storage.deletePrefix("a/1/");
        storage.deletePrefix("a/2/");
        assertThat(read(storage, "a/3/t.json", 0, -1)).isEqualTo(third);
    }

    @Test
    void smallBasesDisabledDeltasAndAbortsKeepWholeObjectsOrNothing() throws Exception {
        byte[] first = table(rows(100));
        S3Storage small = storage(1 << 20, S3Objects.COPY_OBJECT_LIMIT);
        put(small, "a/1/t.json", null, first);
        put(small, "a/2/t.json", "a/1/t.json", first);
        assertThat(objects(small)).containsOnlyKeys("a/1/t.json", "a/2/t.json");
        S3Storage none = storage(Long.MAX_VALUE, S3Objects.COPY_OBJECT_LIMIT);
        put(none, "a/1/t.json", null, first);
        put(none, "a/2/t.json", "a/1/t.json", first);
        assertThat(objects(none)).containsOnlyKeys("a/1/t.json", "a/2/t.json");

        S3Storage storage = storage(0, S3Objects.COPY_OBJECT_LIMIT);
        put(storage, "a/1/t.json", null, first);
        List<String> changedRows = new ArrayList<>(rows(100));
        changedRows.set(5, row(6, "changed"));
        try (Storage.ObjectSink sink = storage.createDelta("a/2/t.json", "a/1/t.json", ID)) {
            FileStorageDeltaTest.write(sink, table(changedRows), new Random(3));
            // not committed
        }
        assertThat(storage.stat("a/2/t.json")).isEmpty();
        assertThat(objects(storage).keySet()).noneMatch(k -> k.startsWith("a/2/"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(storage, "a/2/t.json", 0, -1))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void aDamagedRecipeOrAMissingDataObjectIsRefusedBeforeTheFirstByteAndTheNextDayWritesWhole() throws Exception {
        S3Storage storage = storage(0, S3Objects.COPY_OBJECT_LIMIT);
        String prefix = storage.describe().substring("s3://deltas/".length());
        byte[] first = table(rows(2000));
        put(storage, "a/1/t.json", null, first);
        List<String> changedRows = new ArrayList<>(rows(2000));
        changedRows.set(100, row(101, "changed"));
        byte[] second = table(changedRows);
        put(storage, "a/2/t.json", "a/1/t.json", second);
        String dataObject = objects(storage).keySet().stream()
                .filter(k -> k.startsWith("a/2/.data/"))
                .findFirst()
                .orElseThrow();
        try (S3Client client = s3.client()) {
            client.putObject(
                    r -> r.bucket("deltas").key(prefix + "a/2/t.json.segments"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("DDSEGS01 not a recipe"));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(storage, "a/2/t.json", 0, -1))
                .isInstanceOf(DamagedObjectException.class)
                .hasMessageContaining("a/2/t.json.segments is damaged");
        // a damaged base is not built on: the next day is a whole object again
        put(storage, "a/3/t.json", "a/2/t.json", second);
        assertThat(objects(storage)).containsEntry("a/3/t.json", (long) second.length);

        put(storage, "a/4/t.json", "a/3/t.json", first);
        String data = objects(storage).keySet().stream()
                .filter(k -> k.startsWith("a/4/.data/"))
                .filter(k -> !k.equals(dataObject))
                .findFirst()
                .orElseThrow();
        try (S3Client client = s3.client()) {
            client.deleteObject(r -> r.bucket("deltas").key(prefix + data));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(storage, "a/4/t.json", 0, -1))
                .isInstanceOf(DamagedObjectException.class)
                .hasMessageContaining("is missing");
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
