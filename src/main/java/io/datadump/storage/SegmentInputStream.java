package io.datadump.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An object stored as a delta, read through its recipe: the segments' bytes one after the other. */
final class SegmentInputStream extends InputStream {
    private final SegmentRecipe recipe;
    private final Path dataDirectory;
    private final FileChannel[] channels;
    private int segment;
    private long position; // within the current segment
    private long remaining; // of the requested range

    SegmentInputStream(SegmentRecipe recipe, Path dataDirectory, long offset, long length) {
        this.recipe = recipe;
        this.dataDirectory = dataDirectory;
        this.channels = new FileChannel[recipe.dataFiles.size()];
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
            int read =
                    channel(recipe.data[segment]).read(ByteBuffer.wrap(b, off, n), recipe.offsets[segment] + position);
            if (read < 0)
                throw new IOException(
                        "a data file of " + dataDirectory.getParent() + " is shorter than its recipe says");
            position += read;
            remaining -= read;
            return read;
        }
        return -1;
    }

    private FileChannel channel(int data) throws IOException {
        if (channels[data] == null)
            channels[data] =
                    FileChannel.open(dataDirectory.resolve(recipe.dataFiles.get(data)), StandardOpenOption.READ);
        return channels[data];
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FileChannel c : channels) {
            if (c == null) continue;
            try {
                c.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) throw failure;
    }
}
