package io.datadump.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** An object stored as a delta, read through its recipe: the segments' bytes one after the other. */
final class SegmentInputStream extends InputStream {
    private final SegmentRecipe recipe;
    private final DeltaData data;
    private int segment;
    private long position; // within the current segment
    private long remaining; // of the requested range

    SegmentInputStream(SegmentRecipe recipe, DeltaData data, long offset, long length) {
        this.recipe = recipe;
        this.data = data;
        long skip = Math.max(0, offset);
        while (segment < recipe.count && skip >= recipe.lengths[segment]) skip -= recipe.lengths[segment++];
        position = skip;
        long available = Math.max(0, recipe.size - Math.max(0, offset));
        remaining = length < 0 ? available : Math.min(length, available);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (remaining > 0 && segment < recipe.count) {
            long left = recipe.lengths[segment] - position;
            if (left <= 0) {
                segment++;
                position = 0;
                continue;
            }
            int n = (int) Math.min(Math.min(len, left), remaining);
            int read = data.read(recipe.data[segment], ByteBuffer.wrap(b, off, n), recipe.offsets[segment] + position);
            if (read < 0) {
                throw new IOException("data file " + recipe.dataFiles.get(recipe.data[segment]) + " in "
                        + data.describe() + " is shorter than its recipe says");
            }
            position += read;
            remaining -= read;
            return read;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
