package io.datadump.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where dump files live. Keys are relative paths ("accounts/1/dumps/…/contacts.json"). Writes stream and
 * become visible only on {@link ObjectSink#commit()}, so a reader never sees half a file.
 */
public interface Storage {
    ObjectSink create(String key) throws IOException;

    /**
     * Like {@link #create}, for an object whose lines mostly equal those of the object at {@code baseKey}, both in
     * ascending order of {@code lineKey}: storage that can keeps only the lines that differ and refers to the base's
     * bytes for the rest (file storage; see {@link FileStorage}). What is read back is exactly what was written, and
     * deleting the base later leaves this object intact. Without a base, or where storage cannot, this is create().
     */
    default ObjectSink createDelta(String key, String baseKey, LineKey lineKey) throws IOException {
        return create(key);
    }

    Optional<ObjectInfo> stat(String key) throws IOException;

    /** Reads {@code length} bytes from {@code offset} ({@code length < 0}: to the end). */
    InputStream open(String key, long offset, long length) throws IOException;

    /** Deletes the object at {@code prefix} and every object under it ({@code prefix/…}); nothing there is no error. */
    void deletePrefix(String prefix) throws IOException;

    /**
     * The names of the "directories" directly under {@code prefix} (which ends with '/'): on S3 the common prefixes of
     * the keys under it. Empty when there is nothing there.
     */
    List<String> listDirectories(String prefix) throws IOException;

    /** A URL the client can fetch directly (S3 presigned GET); empty when the API must serve the file itself. */
    default Optional<URI> presignedGet(String key, Duration ttl, String contentType) {
        return Optional.empty();
    }

    /**
     * Makes {@code duplicateKey}, an object whose bytes the caller knows equal {@code existingKey}'s, share the
     * existing object's storage, so an unchanged table costs no space twice. False where this storage cannot share
     * (both objects then stay as they are). Deleting either key later leaves the other intact.
     */
    default boolean shareIdentical(String existingKey, String duplicateKey) throws IOException {
        return false;
    }

    String describe();

    /**
     * Writes, commits and deletes a one-byte probe object, so that storage that cannot be written (a read-only or
     * missing directory, a bucket without write permission) stops a start with one sentence instead of failing the
     * night's first dump.
     */
    default void checkWritable() throws IOException {
        String key = ".write-check-" + UUID.randomUUID();
        try (ObjectSink probe = create(key)) {
            probe.write('\n');
            probe.commit();
        }
        deletePrefix(key);
    }

    record ObjectInfo(String key, long size, Instant lastModified) {}

    /**
     * Makes the objects durable that were committed with {@link ObjectSink#commitUnsynced()}, all at once: on file
     * storage concurrent fsyncs share the file system's journal commits, where one after the other each waits for its
     * own. A no-op where every commit is durable already (S3).
     */
    default void sync(Collection<String> keys) throws IOException {}

    /** A file being written. Closing it without commit() discards it. */
    abstract class ObjectSink extends OutputStream {
        /** Makes the object visible, complete and durable. */
        public final void commit() throws IOException {
            finish(true);
        }

        /**
         * Makes the object visible and complete, and durable only once {@link Storage#sync} has been called for it:
         * for objects that nobody reads before the caller has synced them (a dump's files before its manifest).
         */
        public final void commitUnsynced() throws IOException {
            finish(false);
        }

        /** Makes the object visible and complete; durable now if {@code durable}, else once synced. */
        protected abstract void finish(boolean durable) throws IOException;

        public abstract void abort();

        /** Discards the file unless it was committed. */
        @Override
        public void close() {
            abort();
        }
    }

    /** Refuses keys that could escape the storage root or are not plain relative paths. */
    static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("\0")) {
            throw new IllegalArgumentException("invalid storage key");
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals(".."))
                throw new IllegalArgumentException("invalid storage key");
        }
        return key;
    }
}
