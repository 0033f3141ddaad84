package io.datadump.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3-compatible object storage. Files are streamed as multipart uploads in parts of {@code partSize} bytes
 * (only one part is held in memory); an object becomes visible only when its upload completes, and an
 * aborted upload leaves nothing behind. Whole objects carry their SHA-256 as metadata and are downloaded straight from
 * S3 through presigned GET URLs; a table file stored as a delta of the previous dump's ({@link S3Deltas}: only its
 * changed lines uploaded) is read through its recipe and served by the API.
 */
public final class S3Storage implements Storage {
    private static final Logger log = LoggerFactory.getLogger(S3Storage.class);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final S3Objects objects;
    private final S3Deltas deltas;
    /**
     * Keys known to be whole objects, which a presigned link can serve (a delta is served by the API through its
     * recipe). Objects are written once under their key, so a key once known whole stays so until it is deleted.
     */
    private final Cache<String, Boolean> wholeObjects = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(6))
            .build();

    public S3Storage(StorageSettings.S3 settings) {
        this(settings, S3Objects.COPY_OBJECT_LIMIT);
    }

    /** {@code copyPartBytes}: server-side copies larger than this go in parts (tests set it small). */
    S3Storage(StorageSettings.S3 settings, long copyPartBytes) {
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
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // and want Content-MD5 on the requests that need a checksum (DeleteObjects), as the SDK once sent
                .addPlugin(LegacyMd5Plugin.create());
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
        this.objects = new S3Objects(s3, bucket, copyPartBytes);
        this.deltas = new S3Deltas(objects, partSize, settings.deltaMinBytes());
    }

    private String objectKey(String key) {
        return prefix + Storage.checkKey(key);
    }

    /** Stored gzip dumps carry Content-Encoding: gzip, so HTTP clients fetching them from S3 decompress transparently. */
    @Override
    public ObjectSink create(String key) {
        return new S3Sink(
                objects, objectKey(key), partSize, "application/json", key.endsWith(".gz") ? "gzip" : null, true);
    }

    /** Like {@link #create}, of a file of this media type, stored as it is (a .gz stays a gzip file for its readers). */
    public ObjectSink create(String key, String contentType) {
        return new S3Sink(objects, objectKey(key), partSize, contentType, null, true);
    }

    /**
     * A delta of the object at {@code baseKey} where that object has at least the settings' delta size: only the lines
     * that differ from the base's are uploaded, the rest is copied server-side ({@link S3Deltas}).
     */
    @Override
    public ObjectSink createDelta(String key, String baseKey, LineKey lineKey) throws IOException {
        Optional<ObjectSink> delta = deltas.create(objectKey(key), objectKey(baseKey), lineKey);
        return delta.isPresent() ? delta.get() : create(key);
    }

    @Override
    public Optional<ObjectInfo> stat(String key) throws IOException {
        var head = objects.head(objectKey(key));
        if (head.isPresent())
            return Optional.of(
                    new ObjectInfo(key, head.get().contentLength(), head.get().lastModified()));
        return deltas.stat(key, objectKey(key));
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (length == 0) return InputStream.nullInputStream();
        try {
            return objects.get(objectKey(key), offset, length);
        } catch (NoSuchFileException e) {
            try {
                return deltas.open(objectKey(key), offset, length);
            } catch (NoSuchFileException none) {
                throw new NoSuchFileException(key); // as file storage says it
            }
        }
    }

    @Override
    public void deletePrefix(String keyPrefix) throws IOException {
        String key = objectKey(keyPrefix.endsWith("/") ? keyPrefix.substring(0, keyPrefix.length() - 1) : keyPrefix);
        String full = key + "/";
        try {
            // the object at the key itself too, as file storage deletes a file or a tree (a missing one is no error)
            List<ObjectIdentifier> batch =
                    new ArrayList<>(List.of(ObjectIdentifier.builder().key(key).build()));
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(full))
                    .contents()) {
                batch.add(ObjectIdentifier.builder().key(o.key()).build());
                if (batch.size() == 1000) {
                    objects.delete(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) objects.delete(batch);
        } catch (S3Exception e) {
            throw new IOException("could not delete " + key + ": " + e.getMessage(), e);
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

    /** Whether the server takes x-amz-checksum-sha256 on PutObject (null: not asked yet). */
    private volatile Boolean checksumHeader;

    /** A presigned GET of a whole object; empty for a delta, which the API serves through its recipe. */
    @Override
    public Optional<URI> presignedGet(String key, Duration ttl, String contentType) {
        if (wholeObjects.getIfPresent(key) == null) {
            try {
                if (objects.head(objectKey(key)).isEmpty()) return Optional.empty();
            } catch (IOException e) {
                return Optional.empty(); // the API serves it, and says what is wrong if it cannot
            }
            wholeObjects.put(key, true);
        }
        var request = presigner.presignGetObject(p -> p.signatureDuration(ttl)
                .getObjectRequest(g -> g.bucket(bucket).key(objectKey(key)).responseContentType(contentType)));
        return Optional.of(URI.create(request.url().toString()));
    }

    /** The bytes of an object to put, which the SDK may open more than once (to sign them, or to retry). */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /**
     * Puts an object of known length and SHA-256 in one streamed request (no part is held in memory), sending its
     * SHA-256 as {@code x-amz-checksum-sha256} where the server takes that header, so that it refuses other bytes;
     * elsewhere (s3proxy answers 501) the request is still signed with the payload's hash over http and protected by
     * TLS over https.
     */
    public void put(String key, String contentType, long length, String sha256Hex, Source source) throws IOException {
        String checksum = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
        boolean withChecksum = takesChecksums();
        try {
            s3.putObject(
                    r -> {
                        r.bucket(bucket)
                                .key(objectKey(key))
                                .contentType(contentType)
                                .metadata(Map.of(S3Objects.SHA256_METADATA, sha256Hex));
                        if (withChecksum) r.checksumSHA256(checksum);
                    },
                    software.amazon.awssdk.core.sync.RequestBody.fromContentProvider(
                            () -> {
                                try {
                                    return source.open();
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            },
                            length,
                            contentType));
            objects.uploaded(length);
        } catch (S3Exception e) {
            throw new IOException("upload of " + objectKey(key) + " failed: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Whether the server takes x-amz-checksum-sha256 on PutObject: asked once with an empty object (a server that
     * refuses the header may answer before reading a large body, which the client then sees as a broken pipe instead of
     * the refusal).
     */
    private boolean takesChecksums() throws IOException {
        Boolean known = checksumHeader;
        if (known != null) return known;
        String probe = ".checksum-probe-" + java.util.UUID.randomUUID();
        String empty = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="; // SHA-256 of nothing
        try {
            s3.putObject(
                    r -> r.bucket(bucket).key(objectKey(probe)).checksumSHA256(empty),
                    software.amazon.awssdk.core.sync.RequestBody.empty());
            deletePrefix(probe);
            checksumHeader = true;
        } catch (S3Exception e) {
            if (e.statusCode() != 501 && e.statusCode() != 400) {
                throw new IOException("could not write to " + describe() + ": " + e.getMessage(), e);
            }
            log.debug(
                    "{} does not take x-amz-checksum-sha256 ({}): objects are put without it",
                    describe(),
                    errorCode(e));
            checksumHeader = false;
        }
        return checksumHeader;
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /**
     * Bytes this storage has sent to S3 as object content since it was opened: what uploads cost, server-side copies
     * (of unchanged tables and of a delta's unchanged rows) not included.
     */
    public long uploadedBytes() {
        return objects.uploadedBytes();
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }
}
