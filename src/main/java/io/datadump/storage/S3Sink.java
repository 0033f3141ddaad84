package io.datadump.storage;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An object being uploaded to S3: one PUT when it fits one part, else a multipart upload of {@code partSize} parts,
 * completed on commit and aborted otherwise. Nothing is visible before commit. The object's SHA-256 goes with it as
 * {@code x-amz-meta-sha256} (see {@link S3Objects#SHA256_METADATA}).
 */
final class S3Sink extends Storage.ObjectSink {
    private final S3Objects objects;
    private final S3Client s3;
    private final String bucket;
    private final String objectKey;
    private final String contentType;
    private final String contentEncoding;
    private final byte[] buffer;
    private final List<CompletedPart> parts = new ArrayList<>();
    /** Of every byte written, kept as the object's sha256 metadata; null for a delta's data object. */
    private final MessageDigest sha256;

    private long size;
    private int filled;
    private String uploadId;
    private boolean done;

    S3Sink(
            S3Objects objects,
            String objectKey,
            int partSize,
            String contentType,
            String contentEncoding,
            boolean withSha256) {
        this.objects = objects;
        this.s3 = objects.client();
        this.bucket = objects.bucket();
        this.objectKey = objectKey;
        this.contentType = contentType;
        this.contentEncoding = contentEncoding;
        this.buffer = new byte[partSize];
        this.sha256 = withSha256 ? digest("SHA-256") : null;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == buffer.length) flushPart();
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (filled == buffer.length) flushPart();
            int n = Math.min(len, buffer.length - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void flushPart() throws IOException {
        if (sha256 != null) sha256.update(buffer, 0, filled);
        size += filled;
        try {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(r -> r.bucket(bucket)
                                .key(objectKey)
                                .contentType(contentType)
                                .contentEncoding(contentEncoding))
                        .uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(
                            r -> r.bucket(bucket)
                                    .key(objectKey)
                                    .uploadId(uploadId)
                                    .partNumber(number)
                                    .contentMD5(md5()),
                            RequestBody.fromBytes(Arrays.copyOf(buffer, filled)))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            objects.uploaded(filled);
            filled = 0;
        } catch (S3Exception e) {
            throw new IOException("upload of " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected void finish(boolean durable) throws IOException { // every completed upload is durable
        try {
            if (uploadId == null) {
                if (sha256 != null) sha256.update(buffer, 0, filled);
                s3.putObject(
                        r -> r.bucket(bucket)
                                .key(objectKey)
                                .contentType(contentType)
                                .contentEncoding(contentEncoding)
                                .metadata(metadata())
                                .contentMD5(md5()),
                        RequestBody.fromBytes(Arrays.copyOf(buffer, filled)));
                objects.uploaded(filled);
            } else {
                if (filled > 0) flushPart();
                s3.completeMultipartUpload(
                        r -> r.bucket(bucket).key(objectKey).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
                // known only now: set by a server-side copy onto itself (measured below, in BENCHMARKS.md)
                if (sha256 != null) objects.replaceMetadata(objectKey, size, metadata());
            }
            done = true;
        } catch (S3Exception e) {
            throw new IOException("upload of " + objectKey + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        if (done) return;
        done = true;
        if (uploadId != null) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
            } catch (RuntimeException ignored) {
                // an upload that was never completed stays invisible; bucket lifecycle rules clean it up
            }
        }
    }

    /**
     * The buffered part's MD5 as Content-MD5: the server refuses a part whose bytes arrived otherwise (every S3-compatible
     * server checks it; the SDK's newer checksum trailers are not spoken by all). Costs ~15 ms per 8 MiB part.
     */
    private String md5() {
        MessageDigest md5 = digest("MD5");
        md5.update(buffer, 0, filled);
        return Base64.getEncoder().encodeToString(md5.digest());
    }

    private Map<String, String> metadata() {
        return sha256 == null
                ? Map.of()
                : Map.of(S3Objects.SHA256_METADATA, HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
