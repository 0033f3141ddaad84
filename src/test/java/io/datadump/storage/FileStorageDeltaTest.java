package io.datadump.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File storage's deltas: what is read back is what was written, and a day's changes are all it stores anew. */
@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class FileStorageDeltaTest {
    /** Lines "{"id":N,…}" as a table file has them; NONE for "[" and "]". */
    static final LineKey ID = (b, off, len) -> {
        String line = new String(b, off, Math.min(len, 30), StandardCharsets.US_ASCII);
        if (!line.startsWith("{\"id\":")) return LineKey.NONE;
        int end = line.indexOf(',');
        return Long.parseLong(line.substring(6, end));
    };

    @TempDir
    Path root;

    static String row(long id, String value) {
        return "{\"id\":" + id + ",\"name\":\"" + value + "\",\"padding\":\"" + "x".repeat(200) + "\"}";
    }

    /** A JSON array, one row a line, as the dump writes it. */
    static byte[] table(List<String> rows) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) sb.append(rows.get(i)).append(i < rows.size() - 1 ? ",\n" : "\n");
        return sb.append("]\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<String> rows(int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) rows.add(row(i, "row " + i));
        return rows;
    }

    /** Writes in uneven pieces, as the dump's hand-off does, so lines cross the writes. */
    static void write(Storage.ObjectSink sink, byte[] bytes, Random random) throws IOException {
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(700));
            sink.write(bytes, at, n);
            at += n;
        }
    }

    static void put(Storage storage, String key, String base, byte[] bytes) throws IOException {
        try (Storage.ObjectSink sink = base == null ? storage.create(key) : storage.createDelta(key, base, ID)) {
            write(sink, bytes, new Random(key.hashCode()));
            sink.commit();
        }
    }

    static byte[] read(Storage storage, String key, long offset, long length) throws IOException {
        try (InputStream in = storage.open(key, offset, length)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[333]; // small reads cross the segments
            for (int n; (n = in.read(buffer)) > 0; ) out.write(buffer, 0, n);
            return out.toByteArray();
        }
    }

    /**
     * Reads {@code reads} random ranges of up to {@code maxLength} bytes (some to the end, some past it) of the object
     * at {@code key} and checks each against {@code bytes}.
     */
    static void readsRandomRanges(Storage storage, String key, byte[] bytes, Random random, int reads, int maxLength)
            throws IOException {
        for (int i = 0; i < reads; i++) {
            int from = random.nextInt(bytes.length + 10), length = random.nextInt(maxLength) - 1;
            byte[] expected = java.util.Arrays.copyOfRange(
                    bytes,
                    Math.min(from, bytes.length),
                    length < 0 ? bytes.length : (int) Math.min(bytes.length, (long) from + length));
            assertThat(read(storage, key, from, length))
                    .as("from %d, %d bytes", from, length)
                    .isEqualTo(expected);
        }
    }

    /** Bytes under the directory, each file (inode) once, however many names it has. */
    static long stored(Path dir) throws IOException {
        Set<Object> seen = new HashSet<>();
        long total = 0;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile() && seen.add(a.fileKey())) total += a.size();
            }
        }
        return total;
    }

    @Test
    void aDeltaReadsBackExactlyAndStoresOnlyTheChangedRows() throws Exception {
        FileStorage storage = new FileStorage(root, 0);
        List<String> day1 = rows(2000);
        byte[] first = table(day1);
        put(storage, "a/1/t.json", null, first);

        List<String> day2 = new ArrayList<>(day1);
        day2.set(10, row(11, "changed"));
        day2.set(999, row(1000, "changed too, and longer than it was"));
        day2.remove(500); // deleted
        day2.remove(1500);
        day2.add(700, row(700, "a duplicate id: compared, not shared"));
        for (int i = 2001; i <= 2020; i++) day2.add(row(i, "new " + i));
        byte[] second = table(day2);
        put(storage, "a/2/t.json", "a/1/t.json", second);

        assertThat(read(storage, "a/2/t.json", 0, -1)).isEqualTo(second);
        assertThat(storage.stat("a/2/t.json").orElseThrow().size()).isEqualTo(second.length);
        assertThat(Files.exists(root.resolve("a/2/t.json"))).isFalse();
        assertThat(Files.exists(root.resolve("a/2/t.json.segments"))).isTrue();
        readsRandomRanges(storage, "a/2/t.json", second, new Random(7), 200, 5000);
        // the new dump's directory holds the base's data (linked) and about 25 rows of its own
        long ownBytes = stored(root.resolve("a")) - first.length;
        assertThat(ownBytes).isBetween(25L * 200, 40L * 260 + 4096);

        storage.deletePrefix("a/1/"); // retention of the base: the delta keeps its data
        assertThat(read(storage, "a/2/t.json", 0, -1)).isEqualTo(second);
        assertThat(stored(root.resolve("a"))).isLessThan(first.length + 40L * 260 + 4096);
    }

    @Test
    void aChainOfDeltasStaysReadableWhenOlderDaysAreDeleted() throws Exception {
        FileStorage storage = new FileStorage(root, 0);
        List<String> rows = rows(3000);
        put(storage, "d/0/t.json", null, table(rows));
        List<byte[]> days = new ArrayList<>();
        Random random = new Random(42);
        for (int day = 1; day <= 7; day++) {
            for (int i = 0; i < 30; i++) {
                int at = random.nextInt(rows.size());
                rows.set(at, row(idOf(rows.get(at)), "day " + day));
            }
            rows.add(row(3000 + day, "added on day " + day));
            byte[] bytes = table(rows);
            days.add(bytes);
            put(storage, "d/" + day + "/t.json", "d/" + (day - 1) + "/t.json", bytes);
            storage.sync(List.of("d/" + day + "/t.json"));
            if (day > 2) storage.deletePrefix("d/" + (day - 3) + "/"); // three days kept
        }
        for (int day = 5; day <= 7; day++)
            assertThat(read(storage, "d/" + day + "/t.json", 0, -1)).isEqualTo(days.get(day - 1));
        // three days of ~660 KB: the first one whole, then about 31 rows a day
        assertThat(stored(root.resolve("d"))).isLessThan((long) (days.get(6).length * 1.2));
    }

    /**
     * Days whose only change is deleted rows (and a day that also drops a whole data file of the base): each delta
     * syncs, reads back exactly, serves as the next day's base, and survives its bases' deletion. Its recipe once
     * listed a data file it did not use, and every later sync and delta failed on it.
     */
    @Test
    void deltasOfOnlyDeletedRowsSyncAndBaseTheNextDay() throws Exception {
        FileStorage storage = new FileStorage(root, 0);
        List<String> rows = rows(2000);
        put(storage, "d/0/t.json", null, table(rows));
        rows.set(1500, row(1501, "changed")); // day 1: a new data file for one row
        put(storage, "d/1/t.json", "d/0/t.json", table(rows));
        storage.sync(List.of("d/1/t.json"));
        rows.remove(1500); // day 2: that row deleted, nothing added: the day-1 data file is no longer used
        rows.remove(10);
        byte[] day2 = table(rows);
        put(storage, "d/2/t.json", "d/1/t.json", day2);
        storage.sync(List.of("d/2/t.json"));
        rows.remove(0); // day 3: only a delete again, based on day 2
        byte[] day3 = table(rows);
        put(storage, "d/3/t.json", "d/2/t.json", day3);
        storage.sync(List.of("d/3/t.json"));
        storage.deletePrefix("d/0/");
        storage.deletePrefix("d/1/");
        assertThat(read(storage, "d/2/t.json", 0, -1)).isEqualTo(day2);
        assertThat(read(storage, "d/3/t.json", 0, -1)).isEqualTo(day3);
        try (Stream<Path> recipes = Files.walk(root.resolve("d/3"))) {
            for (Path recipe :
                    recipes.filter(p -> p.toString().endsWith(".segments")).toList()) {
                for (String name : SegmentRecipe.read(recipe).dataFiles)
                    assertThat(recipe.resolveSibling(".data").resolve(name))
                            .as("a data file the recipe lists")
                            .exists();
            }
        }
    }

    private static long idOf(String row) {
        return Long.parseLong(row.substring(6, row.indexOf(',')));
    }

    @Test
    void anUnchangedObjectIsTheBasesOwnFileAgain() throws Exception {
        FileStorage storage = new FileStorage(root, 0);
        byte[] bytes = table(rows(500));
        put(storage, "u/1/t.json", null, bytes);
        put(storage, "u/2/t.json", "u/1/t.json", bytes);
        assertThat(Files.isSameFile(root.resolve("u/1/t.json"), root.resolve("u/2/t.json")))
                .isTrue();
        assertThat(storage.shareIdentical("u/1/t.json", "u/2/t.json")).isTrue();

        byte[] changed = table(rows(501));
        put(storage, "u/3/t.json", "u/2/t.json", changed);
        put(storage, "u/4/t.json", "u/3/t.json", changed); // unchanged again, now from a recipe
        assertThat(Files.isSameFile(root.resolve("u/3/t.json.segments"), root.resolve("u/4/t.json.segments")))
                .isTrue();
        assertThat(storage.shareIdentical("u/3/t.json", "u/4/t.json")).isTrue();
        storage.deletePrefix("u/3/");
        assertThat(read(storage, "u/4/t.json", 0, -1)).isEqualTo(changed);
    }

    @Test
    void linesWithoutKeysOrOutOfOrderAreStillStoredExactly() throws Exception {
        FileStorage storage = new FileStorage(root, 0);
        List<String> rows = rows(300);
        put(storage, "o/1/t.json", null, table(rows));
        List<String> shuffled = new ArrayList<>(rows);
        java.util.Collections.shuffle(shuffled, new Random(3));
        shuffled.add(100, "{\"key\":\"no id\"}");
        byte[] bytes = (new String(table(shuffled), StandardCharsets.UTF_8) + "a last line without newline")
                .getBytes(StandardCharsets.UTF_8);
        put(storage, "o/2/t.json", "o/1/t.json", bytes);
        assertThat(read(storage, "o/2/t.json", 0, -1)).isEqualTo(bytes);
        assertThat(storage.stat("o/2/t.json").orElseThrow().size()).isEqualTo(bytes.length);
    }

    @Test
    void smallBasesAndDisabledDeltasStoreWholeFiles() throws Exception {
        FileStorage storage = new FileStorage(root, 1 << 20);
        byte[] small = table(rows(100));
        put(storage, "s/1/t.json", null, small);
        put(storage, "s/2/t.json", "s/1/t.json", table(rows(101)));
        assertThat(Files.isRegularFile(root.resolve("s/2/t.json"))).isTrue();
        assertThat(Files.exists(root.resolve("s/2/t.json.segments"))).isFalse();

        FileStorage never = new FileStorage(root, Long.MAX_VALUE);
        put(never, "s/3/t.json", "s/2/t.json", table(rows(102)));
        assertThat(Files.isRegularFile(root.resolve("s/3/t.json"))).isTrue();
        // no base at all: a whole file too
        put(storage, "s/4/t.json", "s/none/t.json", small);
        assertThat(read(storage, "s/4/t.json", 0, -1)).isEqualTo(small);
    }

    @Test
    void anAbortedDeltaLeavesNothingVisibleAndAPlainWriteReplacesADelta() throws Exception {
        FileStorage storage = new FileStorage(root, 0);
        put(storage, "x/1/t.json", null, table(rows(400)));
        try (Storage.ObjectSink sink = storage.createDelta("x/2/t.json", "x/1/t.json", ID)) {
            sink.write(table(rows(410)));
        } // closed without commit
        assertThat(storage.stat("x/2/t.json")).isEmpty();
        try (Stream<Path> left = Files.walk(root.resolve("x/2"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }

        put(storage, "x/2/t.json", "x/1/t.json", table(rows(410)));
        byte[] plain = "replaced\n".getBytes(StandardCharsets.UTF_8);
        put(storage, "x/2/t.json", null, plain);
        assertThat(read(storage, "x/2/t.json", 0, -1)).isEqualTo(plain);
        assertThat(Files.exists(root.resolve("x/2/t.json.segments"))).isFalse();
    }

    @Test
    void aRecipeOnTooManyDataFilesStartsAgainFromAWholeFile() throws Exception {
        FileStorage storage = new FileStorage(root, 0);
        List<String> rows = rows(200);
        put(storage, "r/0/t.json", null, table(rows));
        int day = 0;
        while (Files.exists(root.resolve("r/" + day + "/t.json.segments")) || day == 0) {
            rows.set(day % rows.size(), row(day % rows.size() + 1, "changed on " + day));
            byte[] bytes = table(rows);
            put(storage, "r/" + (day + 1) + "/t.json", "r/" + day + "/t.json", bytes);
            day++;
            assertThat(read(storage, "r/" + day + "/t.json", 0, -1)).isEqualTo(bytes);
            assertThat(day).isLessThanOrEqualTo(DeltaFiles.MAX_DATA_FILES + 1);
        }
        assertThat(Files.isRegularFile(root.resolve("r/" + day + "/t.json"))).isTrue();
        assertThat(day).isGreaterThan(DeltaFiles.MAX_DATA_FILES - 2);
    }
}
