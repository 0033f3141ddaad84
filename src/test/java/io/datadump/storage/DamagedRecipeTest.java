package io.datadump.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delta's recipe damaged in every way a disk, a bad copy or a hand can damage it: opening the object fails with a
 * {@link DamagedObjectException} saying what is wrong, before any byte is handed out, and never allocates what a
 * damaged count asks for or reads outside the {@code .data/} folder.
 */
@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class DamagedRecipeTest {
    static final String KEY = "a/2/t.json";

    @TempDir
    Path root;

    FileStorage storage;
    Path recipeFile;
    SegmentRecipe good;

    @BeforeEach
    void aDelta() throws IOException {
        storage = new FileStorage(root, 0);
        List<String> rows = FileStorageDeltaTest.rows(500);
        FileStorageDeltaTest.put(storage, "a/1/t.json", null, FileStorageDeltaTest.table(rows));
        List<String> changed = new ArrayList<>(rows);
        changed.set(100, FileStorageDeltaTest.row(101, "changed"));
        FileStorageDeltaTest.put(storage, KEY, "a/1/t.json", FileStorageDeltaTest.table(changed));
        recipeFile = root.resolve(KEY + SegmentRecipe.SUFFIX);
        good = SegmentRecipe.read(recipeFile);
        assertThat(good.count).isGreaterThan(1);
    }

    /** A recipe's bytes, with every field given. */
    static byte[] recipe(
            byte[] magic, long size, List<String> names, int count, int[] data, long[] offsets, long[] lengths)
            throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = new DataOutputStream(bytes);
        out.write(magic);
        out.writeLong(size);
        out.writeInt(names.size());
        for (String name : names) out.writeUTF(name);
        out.writeInt(count);
        for (int i = 0; i < Math.min(count, data.length); i++) {
            out.writeInt(data[i]);
            out.writeLong(offsets[i]);
            out.writeLong(lengths[i]);
        }
        out.flush();
        return bytes.toByteArray();
    }

    byte[] goodWith(long size, int[] data, long[] offsets, long[] lengths) throws IOException {
        return recipe("DDSEGS01".getBytes(), size, good.dataFiles, good.count, data, offsets, lengths);
    }

    @Test
    void everyKindOfDamageIsRefusedBeforeTheFirstByte() throws Exception {
        byte[] intact = Files.readAllBytes(recipeFile);
        int n = good.count;
        Map<String, byte[]> damage = new LinkedHashMap<>();
        long[] longer = good.lengths.clone();
        longer[0] += 7;
        damage.put("its segments hold more than its size", goodWith(good.size, good.data, good.offsets, longer));
        long[] shorter = good.lengths.clone();
        shorter[n - 1] -= 1;
        damage.put(
                "its segments hold " + (good.size - 1) + " bytes, not its size " + good.size,
                goodWith(good.size, good.data, good.offsets, shorter));
        long[] negative = good.lengths.clone();
        negative[0] = -5;
        damage.put("segment 0 has a negative or endless range", goodWith(good.size, good.data, good.offsets, negative));
        long[] negativeOffset = good.offsets.clone();
        negativeOffset[1] = -1;
        damage.put(
                "segment 1 has a negative or endless range",
                goodWith(good.size, good.data, negativeOffset, good.lengths));
        int[] outOfRange = good.data.clone();
        outOfRange[0] = good.dataFiles.size();
        damage.put("segment 0 names no data file", goodWith(good.size, outOfRange, good.offsets, good.lengths));
        damage.put(
                Integer.MAX_VALUE + " segments",
                recipe("DDSEGS01".getBytes(), good.size, good.dataFiles, Integer.MAX_VALUE, new int[0], null, null));
        damage.put("it is cut short", Arrays.copyOf(intact, intact.length - 9));
        damage.put("bytes after its last segment", Arrays.copyOf(intact, intact.length + 3));
        damage.put(
                "it is not a segment recipe",
                ("XXXXXXXX" + new String(intact, 8, intact.length - 8, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.ISO_8859_1));
        List<String> traversal = new ArrayList<>(good.dataFiles);
        traversal.set(0, "../../../etc/passwd");
        damage.put(
                "a data file name that is no name",
                recipe("DDSEGS01".getBytes(), good.size, traversal, n, good.data, good.offsets, good.lengths));
        damage.put("a negative size", goodWith(-1, good.data, good.offsets, good.lengths));

        for (var d : damage.entrySet()) {
            Files.write(recipeFile, d.getValue());
            assertThatThrownBy(() -> storage.open(KEY, 0, -1))
                    .as(d.getKey())
                    .isInstanceOf(DamagedObjectException.class)
                    .hasMessageContaining(recipeFile + " is damaged: " + d.getKey());
        }
        Files.write(recipeFile, intact);
        assertThat(FileStorageDeltaTest.read(storage, KEY, 0, -1)).hasSize((int) good.size);
    }

    @Test
    void aMissingOrShortDataFileIsRefusedBeforeTheFirstByte() throws Exception {
        Path data = recipeFile.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
        Path last = data.resolve(good.dataFiles.get(good.data[good.count - 1]));
        byte[] bytes = Files.readAllBytes(last);
        Files.delete(last); // a hard link: the base's name of it stays intact
        Files.write(last, Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> storage.open(KEY, 0, -1))
                .isInstanceOf(DamagedObjectException.class)
                .hasMessageContaining("its segments need " + bytes.length);
        Files.delete(last);
        assertThatThrownBy(() -> storage.open(KEY, 0, -1))
                .isInstanceOf(DamagedObjectException.class)
                .hasMessageContaining("is missing");
    }

    @Test
    void aDamagedBaseIsNotBuiltOnTheNextDayWritesWhole() throws Exception {
        Files.write(recipeFile, Arrays.copyOf(Files.readAllBytes(recipeFile), 20));
        byte[] next = FileStorageDeltaTest.table(FileStorageDeltaTest.rows(510));
        try (Storage.ObjectSink sink = storage.createDelta("a/3/t.json", KEY, FileStorageDeltaTest.ID)) {
            FileStorageDeltaTest.write(sink, next, new Random(3));
            sink.commit();
        }
        assertThat(FileStorageDeltaTest.read(storage, "a/3/t.json", 0, -1)).isEqualTo(next);
        assertThat(root.resolve("a/3/t.json")).exists(); // whole, not a delta of the damaged one
    }
}
