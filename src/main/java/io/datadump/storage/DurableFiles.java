package io.datadump.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The file primitives durable objects are made of: a hidden temporary name to write under, fsync, an atomic hard link
 * over a name, and discarding what was not finished. Shared by the plain and the delta sink.
 */
final class DurableFiles {
    private DurableFiles() {}

    /** A hidden, unique name beside {@code file} to write it under before it is renamed into place. */
    static Path temporarySibling(Path file, String suffix) {
        return file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + suffix);
    }

    /** fsync of a file, or of a directory (which makes the renames in it durable). */
    static void force(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    /**
     * Makes {@code name} a hard link of {@code existing}: both names are the same file, and the bytes go only when the
     * last name is deleted (retention deletes a dump's directory, so an object still named by a retained dump is never
     * lost). The link is made under a temporary name and renamed over {@code name}, so it always names a complete file.
     */
    static void linkOver(Path existing, Path name) throws IOException {
        Path temp = temporarySibling(name, ".link");
        Files.createLink(temp, existing);
        try {
            Files.move(temp, name, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Closes an unfinished object's stream and deletes its temporary file, either of which may be null; failures are
     * ignored, since a leftover .partial file is invisible and removed with its dump directory.
     */
    static void discardPartial(OutputStream out, Path temp) {
        try {
            if (out != null) out.close();
        } catch (IOException ignored) {
            // the file is removed below either way
        }
        try {
            if (temp != null) Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // see above
        }
    }
}
