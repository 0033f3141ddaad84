package io.datadump.storage;

import java.nio.file.Path;
import java.util.Optional;

/** Where dump files are kept: a local directory, or an S3-compatible bucket. */
public sealed interface StorageSettings {
    /**
     * {@code file:<directory>}; a table file whose previous version has at least {@code deltaMinBytes} is stored as a
     * delta of it ({@link Long#MAX_VALUE}: never).
     */
    record Filesystem(Path root, long deltaMinBytes) implements StorageSettings {
        public Filesystem(Path root) {
            this(root, FileStorage.DEFAULT_DELTA_MIN_BYTES);
        }
    }

    /**
     * {@code s3://<bucket>/<prefix>}; without an access key the AWS default credential chain is used. Uploads are
     * streamed in parts of {@code partSize} bytes; a table file whose previous version has at least
     * {@code deltaMinBytes} is stored as a delta of it ({@link Long#MAX_VALUE}: never, every object whole).
     */
    record S3(
            String bucket,
            String prefix,
            Optional<String> endpoint,
            String region,
            Optional<String> accessKey,
            Optional<String> secretKey,
            boolean pathStyle,
            int partSize,
            long deltaMinBytes)
            implements StorageSettings {
        @Override
        public String toString() { // never the secret key
            return "S3[bucket=" + bucket + ", prefix=" + prefix + ", endpoint=" + endpoint + ", region=" + region + "]";
        }
    }
}
