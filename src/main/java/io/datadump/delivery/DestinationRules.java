package io.datadump.delivery;

import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;

/** What a destination must be to be stored; each broken rule is one sentence saying what is allowed. */
final class DestinationRules {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]");
    /** OpenSSH's SHA-256 fingerprint: "SHA256:" and 43 characters of unpadded base64. */
    private static final Pattern FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    private final Set<String> tables;

    DestinationRules(Set<String> tables) {
        this.tables = tables;
    }

    void check(Destinations.NewDestination d) {
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            throw new IllegalArgumentException("a destination's name is 1-40 lower-case letters, digits, '-' and '_'"
                    + " (e.g. nas or bi-bucket), not '" + d.name() + "'");
        }
        if (d.secret() == null || d.secret().isBlank()) {
            throw new IllegalArgumentException(
                    "a destination needs its secret (the S3 secret key, or the SFTP password or private key)");
        }
        if (d.formats().isEmpty()) throw new IllegalArgumentException("a destination needs at least one format");
        for (String table : d.tables()) {
            if (!tables.contains(table)) {
                throw new IllegalArgumentException("there is no table '" + table + "'; the tables are " + tables);
            }
        }
        d.keepDays().ifPresent(k -> {
            if (k < 1 || k > 3650) throw new IllegalArgumentException("keep days must be from 1 to 3650, not " + k);
        });
        if (d.target() instanceof Destination.S3 s3) checkS3(s3);
        else if (d.target() instanceof Destination.Sftp sftp) checkSftp(sftp);
    }

    private static void checkS3(Destination.S3 s3) {
        if (!BUCKET.matcher(s3.bucket()).matches()) {
            throw new IllegalArgumentException(
                    "a bucket name is 3-63 lower-case letters, digits, dots and dashes, not '" + s3.bucket() + "'");
        }
        checkPath("prefix", s3.prefix());
        if (s3.accessKey().isBlank()) {
            // never the operator's own credentials (the default chain) for a tenant's bucket
            throw new IllegalArgumentException("an S3 destination needs its access key");
        }
        if (s3.region().isBlank()) throw new IllegalArgumentException("an S3 destination needs its region");
        s3.endpoint().ifPresent(e -> {
            URI uri;
            try {
                uri = URI.create(e);
            } catch (IllegalArgumentException x) {
                uri = null;
            }
            if (uri == null
                    || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("an S3 endpoint is an http(s) URL such as https://s3.eu-central-1"
                        + ".amazonaws.com or https://<account>.r2.cloudflarestorage.com, not '" + e + "'");
            }
        });
    }

    private static void checkSftp(Destination.Sftp sftp) {
        if (sftp.host().isBlank() || sftp.host().contains("/") || sftp.host().contains("@")) {
            throw new IllegalArgumentException("an SFTP host is a name or address, not '" + sftp.host() + "'");
        }
        if (sftp.port() < 1 || sftp.port() > 65_535) {
            throw new IllegalArgumentException("an SFTP port is from 1 to 65535, not " + sftp.port());
        }
        if (sftp.user().isBlank()) throw new IllegalArgumentException("an SFTP destination needs its user");
        if (!FINGERPRINT.matcher(sftp.hostKey()).matches()) {
            throw new IllegalArgumentException("the server's host key is pinned by its SHA-256 fingerprint as"
                    + " `ssh-keygen -lf` prints it (SHA256: and 43 characters), not '" + sftp.hostKey() + "'; `datadump"
                    + " destinations test` shows the fingerprint the server presents");
        }
        // an absolute directory (/share/backup) or one relative to the user's home (exports)
        checkPath(
                "directory", sftp.directory().startsWith("/") ? sftp.directory().substring(1) : sftp.directory());
    }

    /**
     * A prefix or directory: relative, '/'-separated, without '.', '..' or empty segments (the records have trimmed
     * its slashes already).
     */
    private static void checkPath(String what, String path) {
        if (path.isEmpty()) return;
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
                throw new IllegalArgumentException("a " + what + " is a relative path of names separated by '/'"
                        + " (e.g. datadump/exports), not '" + path + "'");
            }
        }
    }
}
