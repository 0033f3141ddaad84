package io.datadump.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an object as a delta against a base object: each line that equals the base's line of the same key becomes a
 * reference to the base's bytes, every other line goes into one new data file. Both files' lines are read once, in
 * order, with one line of each in memory. On commit the base data files still referred to are hard-linked into this
 * object's directory and the recipe is written, so deleting the base's directory later loses nothing.
 *
 * <p>Equality is checked byte for byte, never by hash: a wrong order of keys only costs sharing, never content.
 */
final class DeltaSink extends Storage.ObjectSink {
    /** Past this many segments (20 bytes each in the recipe) the rest of the object is written as new data. */
    static final int MAX_SEGMENTS = 1 << 17;

    /**
     * The base object: its recipe (a plain file is one segment of one data file), where its data files are now, and
     * its own file (the plain file or the recipe).
     */
    record Base(SegmentRecipe recipe, List<Path> sources, Path file, boolean plain) {}

    private final Path target;
    private final Path recipePath;
    private final Path dataDirectory;
    private final Base base;
    private final BaseLines baseLines;
    private final List<String> names;
    private final int newData;
    private final String newDataName = SegmentRecipe.newDataName();
    private final boolean[] used;

    private int count;
    private int[] segData = new int[64];
    private long[] segOffsets = new long[64];
    private long[] segLengths = new long[64];
    private long size;
    private boolean literalOnly;

    private OutputStream dataOut;
    private Path dataTemp;
    private long dataSize;

    private byte[] line = new byte[8192];
    private int lineLength;
    private boolean done;

    DeltaSink(Path target, Path recipePath, Base base, LineKey lineKey) {
        this.target = target;
        this.recipePath = recipePath;
        this.dataDirectory = target.resolveSibling(SegmentRecipe.DATA_DIRECTORY);
        this.base = base;
        this.baseLines = new BaseLines(base.recipe(), base.sources(), lineKey);
        this.names = new ArrayList<>(base.recipe().dataFiles);
        this.newData = names.size();
        this.names.add(newDataName);
        this.used = new boolean[names.size()];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        while (off < end) {
            int newline = Newlines.indexOf(b, off, end);
            if (newline < 0) {
                append(b, off, end - off);
                return;
            }
            int lineEnd = newline + 1;
            if (lineLength == 0) {
                line(b, off, lineEnd - off); // the common case: a whole line in the caller's buffer, not copied
            } else {
                append(b, off, lineEnd - off);
                line(line, 0, lineLength);
                lineLength = 0;
            }
            off = lineEnd;
        }
    }

    private void append(byte[] b, int off, int len) {
        if (lineLength + len > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + len));
        System.arraycopy(b, off, line, lineLength, len);
        lineLength += len;
    }

    private void line(byte[] b, int off, int len) throws IOException {
        size += len;
        if (!literalOnly && baseLines.match(b, off, len)) {
            segment(baseLines.data(), baseLines.offset(), len);
            baseLines.next();
            return;
        }
        if (dataOut == null) {
            Files.createDirectories(dataDirectory);
            dataTemp = dataDirectory.resolve("." + newDataName + ".partial");
            dataOut = new BufferedOutputStream(Files.newOutputStream(dataTemp, StandardOpenOption.CREATE_NEW), 1 << 16);
        }
        dataOut.write(b, off, len);
        segment(newData, dataSize, len);
        dataSize += len;
    }

    private void segment(int data, long offset, long length) {
        used[data] = true;
        int last = count - 1;
        if (last >= 0 && segData[last] == data && segOffsets[last] + segLengths[last] == offset) {
            segLengths[last] += length;
            return;
        }
        if (count == segData.length) {
            int grown = count * 2;
            segData = Arrays.copyOf(segData, grown);
            segOffsets = Arrays.copyOf(segOffsets, grown);
            segLengths = Arrays.copyOf(segLengths, grown);
        }
        segData[count] = data;
        segOffsets[count] = offset;
        segLengths[count] = length;
        count++;
        if (count >= MAX_SEGMENTS) literalOnly = true; // new data from here on is one segment
    }

    @Override
    protected void finish(boolean durable) throws IOException {
        if (lineLength > 0) {
            line(line, 0, lineLength); // a last line without a newline
            lineLength = 0;
        }
        baseLines.close();
        if (dataOut != null) dataOut.close();
        SegmentRecipe recipe =
                new SegmentRecipe(size, names, count, segData, segOffsets, segLengths).withoutUnusedData();
        if (dataOut == null && base.recipe().sameSegments(recipe)) {
            linkWhole(); // unchanged: the base's own file or recipe, hard-linked
            done = true;
            return;
        }
        linkBaseData(used);
        if (dataOut != null) {
            if (durable) DurableFiles.force(dataTemp);
            Files.move(dataTemp, dataDirectory.resolve(newDataName), StandardCopyOption.ATOMIC_MOVE);
        }
        Path temp = DurableFiles.temporarySibling(recipePath, ".partial");
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
            recipe.write(out);
        }
        if (durable) {
            DurableFiles.force(temp);
            DurableFiles.force(dataDirectory);
        }
        Files.move(temp, recipePath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(target); // a plain object of this key, written before, is replaced
        if (durable) DurableFiles.force(recipePath.getParent());
        done = true;
    }

    /** Unchanged: the target becomes the base's own file, or its recipe with the base's data, hard-linked. */
    private void linkWhole() throws IOException {
        if (base.plain()) {
            DurableFiles.linkOver(base.file(), target);
            Files.deleteIfExists(recipePath);
            return;
        }
        boolean[] all = new boolean[names.size()];
        Arrays.fill(all, 0, newData, true);
        linkBaseData(all);
        DurableFiles.linkOver(base.file(), recipePath);
        Files.deleteIfExists(target);
    }

    /** Hard-links the base's data files marked in {@code which} here, under their names, unless they are here. */
    private void linkBaseData(boolean[] which) throws IOException {
        Files.createDirectories(dataDirectory);
        for (int i = 0; i < newData; i++) {
            if (!which[i]) continue;
            Path name = dataDirectory.resolve(names.get(i)),
                    source = base.sources().get(i);
            try {
                Files.createLink(name, source);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isSameFile(name, source)) throw new IOException(name + " exists and is another data file");
            }
        }
    }

    @Override
    public void abort() {
        if (done) return;
        done = true;
        try {
            baseLines.close();
        } catch (IOException ignored) {
            // only read
        }
        DurableFiles.discardPartial(dataOut, dataTemp);
    }
}
