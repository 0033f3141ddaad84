package io.datadump.delivery;

import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A connection to a destination's storage. Paths are relative to the destination's root (its prefix or directory)
 * and '/'-separated. Each implementation answers for what a reader of the destination sees: a file appears under its
 * final name only complete and checked, or not at all.
 */
interface DeliveryTarget extends Closeable {
    /** A file being written; nothing appears under {@code path} before {@link Upload#commit()}. */
    Upload upload(String path, String contentType) throws IOException;

    /** The bytes of a file to write, which a target may open more than once (to sign them, or to retry). */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Writes a file whose size and SHA-256 are known before it is sent; as {@link #upload} unless the target has a
     * better way (S3: one streamed PUT, checksum in the request, instead of a multipart upload).
     */
    default void put(String path, String contentType, long bytes, String sha256, Source source) throws IOException {
        try (Upload upload = upload(path, contentType);
                InputStream in = source.open()) {
            in.transferTo(upload);
            upload.commit(bytes, sha256);
        }
    }

    /** Deletes the file or the tree at {@code path}; nothing there is no error. */
    void delete(String path) throws IOException;

    /** The names of the directories directly under {@code path} (none if it does not exist). */
    List<String> directories(String path) throws IOException;

    /** A file being written through {@code out}; subclasses say how it becomes visible, or is discarded. */
    abstract class Upload extends FilterOutputStream {
        Upload(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len); // FilterOutputStream's own writes byte by byte
        }

        /**
         * Makes the file visible under its final name once the destination holds exactly {@code bytes} bytes (and,
         * where the destination can hash, this {@code sha256}); otherwise throws and leaves nothing under that name.
         */
        abstract void commit(long bytes, String sha256) throws IOException;

        /** Discards the file unless committed. */
        @Override
        public abstract void close() throws IOException;
    }
}
