package io.datadump.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The base's lines in order, read through its recipe, each with where its bytes are (data file and offset). A
 * segment holds whole lines, as this class writes them and as a plain file is one segment.
 */
final class BaseLines {
    private final SegmentRecipe recipe;
    private final DeltaData sources;
    private final LineKey lineKey;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private int segment = -1;
    private long segmentRead; // bytes of the segment read into the buffer so far
    private long lineOffset; // of the current line within its data file
    private byte[] line = new byte[8192];
    private int lineLength;
    private long key;
    private boolean keyKnown; // a line's key is found only when a new line differs from it (a scan of the line)
    private boolean atEnd;

    BaseLines(SegmentRecipe recipe, DeltaData sources, LineKey lineKey) {
        this.recipe = recipe;
        this.sources = sources;
        this.lineKey = lineKey;
        buffer.limit(0);
        try {
            next();
        } catch (IOException e) {
            atEnd = true; // an unreadable base only costs sharing
        }
    }

    int data() {
        return recipe.data[segment];
    }

    long offset() {
        return lineOffset;
    }

    /**
     * Whether the new line equals the base's line of its key, skipping the base's lines before it. A line
     * without a key is compared with the base's current line. A new line equal to the base's current one is that
     * line (the same bytes have the same key), so on a day when most rows did not change, most lines are compared
     * once and no key is looked for: finding keys was a third of a warm dump's delta work.
     */
    boolean match(byte[] b, int off, int len) throws IOException {
        if (atEnd) return false;
        if (lineLength == len && Arrays.equals(line, 0, len, b, off, off + len)) return true;
        long newKey = lineKey.of(b, off, len);
        if (newKey == LineKey.NONE) return false; // compared where it stands, just above
        while (!atEnd && (key() == LineKey.NONE || key() < newKey)) next();
        if (atEnd || key() != newKey) return false;
        return lineLength == len && Arrays.equals(line, 0, len, b, off, off + len);
    }

    private long key() {
        if (!keyKnown) {
            key = lineKey.of(line, 0, lineLength);
            keyKnown = true;
        }
        return key;
    }

    /** Reads the base's next line (a segment's last line may lack its newline only at the base's end). */
    void next() throws IOException {
        lineLength = 0;
        while (true) {
            if (!buffer.hasRemaining() && !fill()) {
                if (lineLength > 0) break;
                atEnd = true;
                return;
            }
            byte[] a = buffer.array();
            int from = buffer.position(), end = buffer.limit();
            int newline = Newlines.indexOf(a, from, end);
            int i = newline < 0 ? end : newline;
            int n = (i < end ? i + 1 : end) - from;
            if (lineLength == 0) lineOffset = recipe.offsets[segment] + segmentRead - buffer.remaining();
            if (lineLength + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
            System.arraycopy(a, from, line, lineLength, n);
            lineLength += n;
            buffer.position(from + n);
            if (i < end) break;
        }
        keyKnown = false;
    }

    /** Reads more of the current segment, or the start of the next one; false at the end of the base. */
    private boolean fill() throws IOException {
        while (segment < 0 || segmentRead == recipe.lengths[segment]) {
            if (segment >= 0 && lineLength > 0) return false; // finish the line at the segment's end first
            if (++segment >= recipe.count) return false;
            segmentRead = 0;
        }
        int data = recipe.data[segment];
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), recipe.lengths[segment] - segmentRead));
        int read = sources.read(data, buffer, recipe.offsets[segment] + segmentRead);
        if (read <= 0)
            throw new IOException("data file " + recipe.dataFiles.get(data) + " in " + sources.describe()
                    + " is shorter than its recipe says");
        segmentRead += read;
        buffer.flip();
        return true;
    }

    void close() throws IOException {
        atEnd = true;
        sources.close();
    }
}
