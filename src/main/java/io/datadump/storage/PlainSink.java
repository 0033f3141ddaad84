package io.datadump.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A whole file of file storage, written under a temporary name and renamed into place on commit. */
final class PlainSink extends Storage.ObjectSink {
    private final Path target;
    private final Path temp;
    private final OutputStream out;
    private boolean done;

    PlainSink(Path target) throws IOException {
        this.target = target;
        Files.createDirectories(target.getParent());
        this.temp = DurableFiles.temporarySibling(target, ".partial");
        this.out = new BufferedOutputStream(Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW), 1 << 16);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    protected void finish(boolean durable) throws IOException {
        out.close();
        if (durable) DurableFiles.force(temp); // durable before it becomes visible
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(SegmentRecipe.recipeOf(target)); // a delta of this key, written before, is replaced
        done = true;
    }

    @Override
    public void abort() {
        if (done) return;
        done = true;
        DurableFiles.discardPartial(out, temp);
    }
}
