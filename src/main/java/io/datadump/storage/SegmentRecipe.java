package io.datadump.storage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How an object stored as a delta is put together: its bytes are, in order, byte ranges ("segments") of data files
 * kept in its directory's {@code .data/} folder. Each data file has one name everywhere it is hard-linked, so a
 * recipe written from another one refers to the same names.
 *
 * <p>The file is binary: magic, the object's size, the data file names, then each segment as (data file index, offset,
 * length).
 */
final class SegmentRecipe {
    static final String SUFFIX = ".segments";
    static final String DATA_DIRECTORY = ".data";
    private static final byte[] MAGIC = "DDSEGS01".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern DATA_NAME = Pattern.compile("[0-9a-f]{32}");
    /** Bytes of one segment in the file: data file index, offset, length. */
    private static final int SEGMENT_BYTES = 4 + 8 + 8;
    /** More data file names than any recipe has (a delta keeps at most {@link DeltaFiles#MAX_DATA_FILES}). */
    private static final int MAX_NAMES = 4096;

    final long size;
    final List<String> dataFiles;
    final int count;
    final int[] data;
    final long[] offsets;
    final long[] lengths;

    SegmentRecipe(long size, List<String> dataFiles, int count, int[] data, long[] offsets, long[] lengths) {
        this.size = size;
        this.dataFiles = List.copyOf(dataFiles);
        this.count = count;
        this.data = data;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    /** A plain object of {@code size} bytes as a recipe: one segment of one data file (its own bytes, under a new name). */
    static SegmentRecipe whole(long size) {
        return new SegmentRecipe(size, List.of(newDataName()), 1, new int[] {0}, new long[] {0}, new long[] {size});
    }

    /** Where the recipe of the object stored at {@code file} is kept when that object is a delta. */
    static Path recipeOf(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }

    /** A fresh data file name: the same in every directory the file is later linked into. */
    static String newDataName() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** The object's size from the recipe's first bytes, without reading its segments. */
    static long readSize(Path recipe) throws IOException {
        try (InputStream in = Files.newInputStream(recipe)) {
            return readSize(in, recipe.toString());
        }
    }

    /** The object's size from the first bytes of {@code in}, a recipe called {@code name} in errors. */
    static long readSize(InputStream in, String name) throws IOException {
        try {
            DataInputStream data = new DataInputStream(in);
            checkMagic(data, name);
            long size = data.readLong();
            if (size < 0) throw damaged(name, "a negative size");
            return size;
        } catch (EOFException e) {
            throw damaged(name, "it is cut short");
        }
    }

    /**
     * Reads and checks a recipe whole, so that nothing is served from a damaged one: the magic, data file names of
     * {@link #newDataName}'s form (never a path), a segment count the file can hold, every segment inside its data
     * file's index range with a non-negative offset and length, the lengths adding up to the size, and nothing after
     * the last segment. Whether the data files are long enough is {@link #checkData}'s part.
     */
    static SegmentRecipe read(Path recipe) throws IOException {
        try (InputStream in = Files.newInputStream(recipe)) {
            return read(in, Files.size(recipe), recipe.toString());
        }
    }

    /** Like {@link #read(Path)}, of a recipe of {@code fileSize} bytes read from {@code source}. */
    static SegmentRecipe read(InputStream source, long fileSize, String recipe) throws IOException {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
            checkMagic(in, recipe);
            long size = in.readLong();
            if (size < 0) throw damaged(recipe, "a negative size");
            int names = in.readInt();
            if (names < 0 || names > MAX_NAMES) throw damaged(recipe, names + " data file names");
            List<String> dataFiles = new ArrayList<>(names);
            for (int i = 0; i < names; i++) {
                String name = in.readUTF();
                if (!DATA_NAME.matcher(name).matches()) throw damaged(recipe, "a data file name that is no name");
                dataFiles.add(name);
            }
            int count = in.readInt();
            // each segment takes SEGMENT_BYTES: a count the file cannot hold is refused before anything is allocated
            if (count < 0 || (long) count * SEGMENT_BYTES > fileSize) throw damaged(recipe, count + " segments");
            int[] data = new int[count];
            long[] offsets = new long[count];
            long[] lengths = new long[count];
            long total = 0;
            for (int i = 0; i < count; i++) {
                data[i] = in.readInt();
                offsets[i] = in.readLong();
                lengths[i] = in.readLong();
                if (data[i] < 0 || data[i] >= names) throw damaged(recipe, "segment " + i + " names no data file");
                if (offsets[i] < 0 || lengths[i] < 0 || offsets[i] > Long.MAX_VALUE - lengths[i])
                    throw damaged(recipe, "segment " + i + " has a negative or endless range");
                total += lengths[i];
                if (total < 0 || total > size) throw damaged(recipe, "its segments hold more than its size");
            }
            if (total != size) throw damaged(recipe, "its segments hold " + total + " bytes, not its size " + size);
            if (in.read() != -1) throw damaged(recipe, "bytes after its last segment");
            return new SegmentRecipe(size, dataFiles, count, data, offsets, lengths);
        } catch (EOFException e) {
            throw damaged(recipe, "it is cut short");
        } catch (UTFDataFormatException e) {
            throw damaged(recipe, "a data file name that is no name");
        }
    }

    /** The sizes of data files by name: -1 for one that is missing. */
    @FunctionalInterface
    interface DataSizes {
        long of(String dataFile) throws IOException;
    }

    /** Checks that every data file exists and holds every segment taken from it. */
    void checkData(String recipe, DataSizes sizes) throws IOException {
        long[] needed = new long[dataFiles.size()];
        for (int i = 0; i < count; i++) needed[this.data[i]] = Math.max(needed[this.data[i]], offsets[i] + lengths[i]);
        for (int d = 0; d < needed.length; d++) {
            long held = sizes.of(dataFiles.get(d));
            if (held < 0) throw damaged(recipe, "its data file " + dataFiles.get(d) + " is missing");
            if (held < needed[d]) {
                throw damaged(
                        recipe,
                        "its data file " + dataFiles.get(d) + " holds " + held + " bytes, its segments need "
                                + needed[d]);
            }
        }
    }

    private static DamagedObjectException damaged(String recipe, String what) {
        return new DamagedObjectException(recipe + " is damaged: " + what);
    }

    void write(OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(target, 1 << 16));
        out.write(MAGIC);
        out.writeLong(size);
        out.writeInt(dataFiles.size());
        for (String name : dataFiles) out.writeUTF(name);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeInt(data[i]);
            out.writeLong(offsets[i]);
            out.writeLong(lengths[i]);
        }
        out.flush();
    }

    /**
     * This recipe without the data files that no segment refers to, the others renumbered. A recipe lists only data
     * its directory links, so it must never name one it does not use: a delta whose only change was deleted lines
     * refers to a part of its base's data files, and to no new one.
     */
    SegmentRecipe withoutUnusedData() {
        int[] index = new int[dataFiles.size()];
        Arrays.fill(index, -1);
        for (int i = 0; i < count; i++) index[data[i]] = 0;
        List<String> used = new ArrayList<>();
        for (int i = 0; i < index.length; i++) {
            if (index[i] == 0) {
                index[i] = used.size();
                used.add(dataFiles.get(i));
            }
        }
        if (used.size() == dataFiles.size()) return this;
        int[] renumbered = new int[count];
        for (int i = 0; i < count; i++) renumbered[i] = index[data[i]];
        return new SegmentRecipe(size, used, count, renumbered, offsets, lengths);
    }

    boolean sameSegments(SegmentRecipe other) {
        return size == other.size
                && dataFiles.equals(other.dataFiles)
                && count == other.count
                && Arrays.equals(data, 0, count, other.data, 0, count)
                && Arrays.equals(offsets, 0, count, other.offsets, 0, count)
                && Arrays.equals(lengths, 0, count, other.lengths, 0, count);
    }

    private static void checkMagic(InputStream in, String recipe) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) throw damaged(recipe, "it is not a segment recipe");
    }
}
