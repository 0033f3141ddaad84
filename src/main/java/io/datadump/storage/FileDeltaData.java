package io.datadump.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Data files on file storage, each opened at its first read and read where asked (positional reads). */
final class FileDeltaData implements DeltaData {
    private final List<Path> files;
    private final FileChannel[] channels;

    FileDeltaData(List<Path> files) {
        this.files = List.copyOf(files);
        this.channels = new FileChannel[files.size()];
    }

    @Override
    public int read(int index, ByteBuffer into, long position) throws IOException {
        if (channels[index] == null) channels[index] = FileChannel.open(files.get(index), StandardOpenOption.READ);
        return channels[index].read(into, position);
    }

    @Override
    public String describe() {
        return files.isEmpty() ? "no data files" : files.get(0).getParent().toString();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] == null) continue;
            try {
                channels[i].close();
            } catch (IOException e) {
                failure = e;
            }
            channels[i] = null;
        }
        if (failure != null) throw failure;
    }
}
