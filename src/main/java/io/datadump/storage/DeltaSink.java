package io.datadump.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes an object as a delta against a base object: each line that equals the base's line of the same key becomes a
 * reference to the base's bytes, every other line goes into one new data file. Both files' lines are read once, in
 * order, with one line of each in memory. How the new data file, the base's data and the recipe are kept is the
 * storage's part ({@link FileDeltaSink}: hard links in a directory; {@link S3DeltaSink}: server-side copies under a
 * prefix); each keeps in the object's own place all the data its recipe uses, so deleting the base loses nothing.
 *
 * <p>Equality is checked byte for byte, never by hash: a wrong order of keys only costs sharing, never content.
 */
abstract class DeltaSink extends Storage.ObjectSink {
    /** Past this many segments (20 bytes each in the recipe) the rest of the object is written as new data. */
    static final int MAX_SEGMENTS = 1 << 17;

    private final SegmentRecipe baseRecipe;
    private final BaseLines baseLines;
    /** The base's data files, then the new one. */
    final List<String> names;

    final int newData;
    private final String newDataName = SegmentRecipe.newDataName();
    private final boolean[] used;

    private int count;
    private int[] segData = new int[64];
    private long[] segOffsets = new long[64];
    private long[] segLengths = new long[64];
    private long size;
    private boolean literalOnly;

    private Storage.ObjectSink dataOut;
    private long dataSize;

    private byte[] line = new byte[8192];
    private int lineLength;
    private boolean done;

    DeltaSink(SegmentRecipe baseRecipe, DeltaData baseData, LineKey lineKey) {
        this.baseRecipe = baseRecipe;
        this.baseLines = new BaseLines(baseRecipe, baseData, lineKey);
        this.names = new ArrayList<>(baseRecipe.dataFiles);
        this.newData = names.size();
        this.names.add(newDataName);
        this.used = new boolean[names.size()];
    }

    /** A sink for the new data file of this name, in this object's place. */
    abstract Storage.ObjectSink createData(String name) throws IOException;

    /** Keeps the base's data files marked in {@code which} (by index in {@link #names}) in this object's place. */
    abstract void keepBaseData(boolean[] which) throws IOException;

    /** Stores the recipe as the object, replacing a whole object of its key written before. */
    abstract void writeRecipe(SegmentRecipe recipe, boolean durable) throws IOException;

    /** The object equals the base: it becomes the base's own object (or recipe and data) again. */
    abstract void keepBaseWhole(boolean durable) throws IOException;

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
        if (dataOut == null) dataOut = createData(newDataName);
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
    protected final void finish(boolean durable) throws IOException {
        if (lineLength > 0) {
            line(line, 0, lineLength); // a last line without a newline
            lineLength = 0;
        }
        baseLines.close();
        SegmentRecipe recipe =
                new SegmentRecipe(size, names, count, segData, segOffsets, segLengths).withoutUnusedData();
        if (dataOut == null && baseRecipe.sameSegments(recipe)) {
            keepBaseWhole(durable);
            done = true;
            return;
        }
        keepBaseData(used);
        if (dataOut != null) {
            if (durable) dataOut.commit();
            else dataOut.commitUnsynced();
        }
        writeRecipe(recipe, durable);
        done = true;
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
        if (dataOut != null) dataOut.abort();
    }
}
