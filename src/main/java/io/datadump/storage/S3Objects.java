package io.datadump.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The object requests of one bucket that S3 storage and its deltas are made of, by full object key, with S3's
 * errors turned into IOExceptions that name the object.
 */
final class S3Objects {
    /** CopyObject copies at most 5 GiB; larger objects are copied in parts of this size (UploadPartCopy). */
    static final long COPY_OBJECT_LIMIT = 5L << 30;
    /**
     * The user metadata that holds an object's SHA-256 (hex), sent back as {@code x-amz-meta-sha256} with every GET
     * and HEAD, so that a presigned download can be checked against it (S3's ETag of a multipart upload is no hash
     * of the bytes).
     */
    static final String SHA256_METADATA = "sha256";

    private static final int DELETE_THREADS = 8;
    private static final Logger log = LoggerFactory.getLogger(S3Objects.class);

    private final S3Client s3;
    private final String bucket;
    /** The largest object copied in one request, and the size of the parts of larger ones. */
    private final long copyPart;

    private final LongAdder uploaded = new LongAdder();
    /** Whether the server takes DeleteObjects (until it refuses one). */
    private volatile boolean multiDelete = true;

    /** {@code copyPartBytes}: copies over this (or over {@link #COPY_OBJECT_LIMIT}) go in parts of that size. */
    S3Objects(S3Client s3, String bucket, long copyPartBytes) {
        this.s3 = s3;
        this.bucket = bucket;
        this.copyPart = Math.min(copyPartBytes, COPY_OBJECT_LIMIT);
    }

    /** Counts bytes sent to S3 as object content (not server-side copies). */
    void uploaded(long bytes) {
        uploaded.add(bytes);
    }

    long uploadedBytes() {
        return uploaded.sum();
    }

    S3Client client() {
        return s3;
    }

    String bucket() {
        return bucket;
    }

    Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw new IOException("could not look at " + key + ": " + e.getMessage(), e);
        }
    }

    /** The object's bytes from {@code offset} ({@code length < 0}: to its end). */
    ResponseInputStream<GetObjectResponse> get(String key, long offset, long length) throws IOException {
        String range = "bytes=" + offset + "-" + (length < 0 ? "" : Long.toString(offset + length - 1));
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key).range(range));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key); // as file storage says it
        } catch (S3Exception e) {
            if (e.statusCode() == 404) throw new NoSuchFileException(key);
            throw new IOException("could not read " + key + ": " + e.getMessage(), e);
        }
    }

    void put(String key, byte[] bytes, String contentType, Map<String, String> metadata) throws IOException {
        try {
            s3.putObject(
                    r -> r.bucket(bucket).key(key).contentType(contentType).metadata(metadata),
                    RequestBody.fromBytes(bytes));
            uploaded(bytes.length);
        } catch (S3Exception e) {
            throw new IOException("upload of " + key + " failed: " + e.getMessage(), e);
        }
    }

    /** Deletes one object; a missing one is no error. */
    void delete(String key) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return;
            throw new IOException("could not delete " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * A server-side copy of an object of {@code size} bytes, its content type and metadata included: no byte passes
     * through this node. Over {@link #COPY_OBJECT_LIMIT} (or {@code copyPartBytes}, whichever is smaller) as a
     * multipart upload of copied ranges.
     */
    void copy(String from, String to, long size) throws IOException {
        copy(from, to, size, null);
    }

    /**
     * Sets an object's user metadata after its upload (a multipart upload's metadata is given before its first byte):
     * a server-side copy onto itself with the new metadata.
     */
    void replaceMetadata(String key, long size, Map<String, String> metadata) throws IOException {
        copy(key, key, size, metadata);
    }

    /** A server-side copy, with {@code newMetadata} instead of the source's unless that is null. */
    private void copy(String from, String to, long size, Map<String, String> newMetadata) throws IOException {
        try {
            if (size <= copyPart && newMetadata == null) {
                s3.copyObject(r -> r.sourceBucket(bucket)
                        .sourceKey(from)
                        .destinationBucket(bucket)
                        .destinationKey(to));
                return;
            }
            // content type and encoding are given again where the metadata is
            HeadObjectResponse source = head(from).orElseThrow(() -> new NoSuchFileException(from));
            Map<String, String> metadata = newMetadata == null ? source.metadata() : newMetadata;
            if (size <= copyPart) {
                s3.copyObject(r -> r.sourceBucket(bucket)
                        .sourceKey(from)
                        .destinationBucket(bucket)
                        .destinationKey(to)
                        .metadataDirective(MetadataDirective.REPLACE)
                        .contentType(source.contentType())
                        .contentEncoding(source.contentEncoding())
                        .metadata(metadata));
                return;
            }
            copyInParts(from, to, size, source, metadata);
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(from);
        } catch (S3Exception e) {
            throw new IOException("could not copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private void copyInParts(
            String from, String to, long size, HeadObjectResponse source, Map<String, String> metadata) {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket)
                        .key(to)
                        .contentType(source.contentType())
                        .contentEncoding(source.contentEncoding())
                        .metadata(metadata))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long at = 0; at < size; at += copyPart) {
                int number = parts.size() + 1;
                String range = "bytes=" + at + "-" + (Math.min(size, at + copyPart) - 1);
                String etag = s3.uploadPartCopy(r -> r.sourceBucket(bucket)
                                .sourceKey(from)
                                .destinationBucket(bucket)
                                .destinationKey(to)
                                .uploadId(uploadId)
                                .partNumber(number)
                                .copySourceRange(range))
                        .copyPartResult()
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(
                    r -> r.bucket(bucket).key(to).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(to).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // the upload stays invisible either way
            }
            throw e;
        }
    }

    /**
     * Up to 1,000 keys in one DeleteObjects request. A server that refuses it (some S3-compatible ones want a
     * Content-MD5 the SDK no longer sends) gets them one by one from then on. Measured on s3proxy: a dump's ~40 objects
     * one by one took about 2 s, and pruning a month of an account's dumps over a minute.
     */
    void delete(List<ObjectIdentifier> keys) throws IOException {
        if (multiDelete) {
            try {
                var answer = s3.deleteObjects(
                        r -> r.bucket(bucket).delete(d -> d.objects(keys).quiet(true)));
                if (answer.hasErrors() && !answer.errors().isEmpty()) {
                    var first = answer.errors().get(0);
                    throw new IOException("could not delete " + first.key() + ": " + first.code() + " "
                            + first.message() + " (and " + (answer.errors().size() - 1) + " more)");
                }
                return;
            } catch (S3Exception e) {
                if (e.statusCode() == 403) throw e;
                multiDelete = false;
                log.info(
                        "the S3 server refused a multi-object delete ({}); deleting objects one by one",
                        e.getMessage());
            }
        }
        deleteEach(keys);
    }

    /**
     * Deletes the keys one request each, {@link #DELETE_THREADS} at a time: on s3proxy's file system store a delete
     * takes about 150 ms, and pruning a month of an account's dumps one after the other took over three minutes.
     */
    private void deleteEach(List<ObjectIdentifier> keys) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(DELETE_THREADS, keys.size()), r -> {
            Thread t = new Thread(r, "s3-delete");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (ObjectIdentifier id : keys)
                pending.add(
                        pool.submit(() -> s3.deleteObject(r -> r.bucket(bucket).key(id.key()))));
            for (Future<?> f : pending) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof S3Exception s3e) throw s3e;
            throw new IOException("could not delete: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while deleting");
        } finally {
            pool.shutdownNow();
        }
    }
}
