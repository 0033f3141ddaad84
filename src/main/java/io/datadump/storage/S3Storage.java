package io.datadump.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3-compatible object storage. Files are streamed as multipart uploads in parts of {@code partSize} bytes
 * (only one part is held in memory); an object becomes visible only when its upload completes, and an
 * aborted upload leaves nothing behind. Downloads go straight to S3 through presigned GET URLs.
 */
public final class S3Storage implements Storage {
    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final int partSize;

    public S3Storage(StorageSettings.S3 settings) {
        AwsCredentialsProvider credentials = settings.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        settings.accessKey().get(), settings.secretKey().orElse("")))
                : DefaultCredentialsProvider.builder().build();
        S3Configuration s3config = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.pathStyle())
                .build();
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3config)
                // S3-compatible servers do not all speak the newer default checksum trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var presign = S3Presigner.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(s3config);
        settings.endpoint().ifPresent(e -> {
            builder.endpointOverride(URI.create(e));
            presign.endpointOverride(URI.create(e));
        });
        this.s3 = builder.build();
        this.presigner = presign.build();
        this.bucket = settings.bucket();
        this.prefix = settings.prefix().isEmpty() || settings.prefix().endsWith("/")
                ? settings.prefix()
                : settings.prefix() + "/";
        this.partSize = settings.partSize();
    }

    private String objectKey(String key) {
        return prefix + Storage.checkKey(key);
    }

    @Override
    public ObjectSink create(String key) {
        String objectKey = objectKey(key);
        return new ObjectSink() {
            final byte[] buffer = new byte[partSize];
            int filled;
            String uploadId;
            final List<CompletedPart> parts = new ArrayList<>();
            boolean done;

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
                try {
                    if (uploadId == null) {
                        uploadId = s3.createMultipartUpload(r -> r.bucket(bucket)
                                        .key(objectKey)
                                        .contentType("application/json")
                                        .contentEncoding(contentEncoding(objectKey)))
                                .uploadId();
                    }
                    int number = parts.size() + 1;
                    String etag = s3.uploadPart(
                                    r -> r.bucket(bucket)
                                            .key(objectKey)
                                            .uploadId(uploadId)
                                            .partNumber(number),
                                    RequestBody.fromBytes(Arrays.copyOf(buffer, filled)))
                            .eTag();
                    parts.add(CompletedPart.builder()
                            .partNumber(number)
                            .eTag(etag)
                            .build());
                    filled = 0;
                } catch (S3Exception e) {
                    throw new IOException("upload of " + objectKey + " failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void commit() throws IOException {
                try {
                    if (uploadId == null) {
                        s3.putObject(
                                r -> r.bucket(bucket)
                                        .key(objectKey)
                                        .contentType("application/json")
                                        .contentEncoding(contentEncoding(objectKey)),
                                RequestBody.fromBytes(Arrays.copyOf(buffer, filled)));
                    } else {
                        if (filled > 0) flushPart();
                        s3.completeMultipartUpload(r -> r.bucket(bucket)
                                .key(objectKey)
                                .uploadId(uploadId)
                                .multipartUpload(m -> m.parts(parts)));
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
                        s3.abortMultipartUpload(
                                r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
                    } catch (RuntimeException ignored) {
                        // an upload that was never completed stays invisible; bucket lifecycle rules clean it up
                    }
                }
            }
        };
    }

    /** Stored gzip dumps carry Content-Encoding: gzip, so HTTP clients fetching them from S3 decompress transparently. */
    private static String contentEncoding(String key) {
        return key.endsWith(".gz") ? "gzip" : null;
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        try {
            var head = s3.headObject(r -> r.bucket(bucket).key(objectKey(key)));
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return Optional.empty();
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length == 0) return InputStream.nullInputStream();
        String range = "bytes=" + offset + "-" + (length < 0 ? "" : Long.toString(offset + length - 1));
        try {
            return s3.getObject(r -> r.bucket(bucket).key(objectKey(key)).range(range));
        } catch (NoSuchKeyException e) {
            throw new java.nio.file.NoSuchFileException(key); // as file storage says it
        } catch (S3Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void deletePrefix(String keyPrefix) throws IOException {
        String full =
                objectKey(keyPrefix.endsWith("/") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix) + "/";
        try {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(full))
                    .contents()) {
                batch.add(ObjectIdentifier.builder().key(o.key()).build());
                if (batch.size() == 1000) {
                    delete(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) delete(batch);
        } catch (S3Exception e) {
            throw new IOException("could not delete " + full + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> listDirectories(String keyPrefix) throws IOException {
        String full =
                objectKey(keyPrefix.endsWith("/") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix) + "/";
        try {
            List<String> names = new ArrayList<>();
            for (var page :
                    s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(full).delimiter("/"))) {
                for (var common : page.commonPrefixes()) {
                    String p = common.prefix();
                    names.add(p.substring(full.length(), p.length() - 1));
                }
            }
            return names;
        } catch (S3Exception e) {
            throw new IOException("could not list " + full + ": " + e.getMessage(), e);
        }
    }

    private void delete(List<ObjectIdentifier> keys) {
        // one by one: not every S3-compatible server accepts multi-object deletes without Content-MD5
        for (ObjectIdentifier id : keys) s3.deleteObject(r -> r.bucket(bucket).key(id.key()));
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl, String contentType) {
        var request = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey(key)).responseContentType(contentType)));
        return Optional.of(URI.create(request.url().toString()));
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
