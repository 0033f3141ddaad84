package io.datadump.delivery;

import io.datadump.formats.Format;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An account's own storage that its dumps are delivered into, with what goes there: formats, gzip (for the text
 * formats; Parquet and xlsx are compressed already), tables (empty: all), and how many days the destination keeps
 * (empty: the tenant's own rules). Its secret is not part of it: only a delivery opens it.
 */
public record Destination(
        long id,
        long accountId,
        String name,
        Target target,
        List<Format> formats,
        boolean gzip,
        List<String> tables,
        Optional<Integer> keepDays,
        Instant createdAt) {

    /** Where the files go; {@link #describe()} is what pages and lists show (never a secret). */
    public sealed interface Target permits S3, Sftp {
        String kind();

        String describe();

        /** The host datadump connects to (checked against private networks unless the operator allows them). */
        String host();
    }

    /** An S3-compatible bucket: AWS S3, MinIO, Ceph, Cloudflare R2, Google Cloud Storage's XML API. */
    public record S3(
            Optional<String> endpoint, String region, String bucket, String prefix, boolean pathStyle, String accessKey)
            implements Target {
        /** The prefix without slashes at either end ("/crm/exports/" is "crm/exports"), whoever typed it. */
        public S3 {
            prefix = trimTrailingSlashes(prefix == null ? "" : prefix.replaceFirst("^/+", ""));
        }

        @Override
        public String kind() {
            return "s3";
        }

        @Override
        public String describe() {
            return "s3://" + bucket + "/" + prefix
                    + endpoint.map(e -> " at " + e).orElse("");
        }

        @Override
        public String host() {
            return endpoint.map(e -> java.net.URI.create(e).getHost()).orElse("s3." + region + ".amazonaws.com");
        }
    }

    /** An SFTP server whose host key is pinned (its SHA-256 fingerprint as ssh-keygen -l prints it). */
    public record Sftp(String host, int port, String user, String hostKey, String directory, SftpAuth auth)
            implements Target {
        /** The directory without a trailing slash; a leading one (absolute, "/share/exports") is kept. */
        public Sftp {
            directory = trimTrailingSlashes(directory == null ? "" : directory);
        }

        @Override
        public String kind() {
            return "sftp";
        }

        @Override
        public String describe() {
            return "sftp://" + user + "@" + host + (port == 22 ? "" : ":" + port) + "/" + directory;
        }
    }

    /** How datadump signs in to an SFTP server: the secret is the password or the private key (OpenSSH/PEM). */
    public enum SftpAuth {
        PASSWORD,
        PRIVATE_KEY
    }

    /** A path without trailing slashes, but "/" itself. */
    private static String trimTrailingSlashes(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p;
    }

    /** Whether this destination takes {@code table}. */
    public boolean takes(String table) {
        return tables.isEmpty() || tables.contains(table);
    }
}
