package io.datadump.access;

import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the file endpoint needs to answer, carried in the signed link itself (parameter {@code m}): whether the file is
 * stored gzip, its size and sha256 as stored and as plain JSON, when it was made, and its format. With it a link
 * signed before a database outage keeps working through it: serving a file needs storage, never the database.
 */
public record FileMeta(
        boolean gzip,
        long bytes,
        String sha256,
        long plainBytes,
        String plainSha256,
        long modified,
        Format format,
        long keyId) {
    /** The key id is the last part, absent from links issued before downloads were audited (0 then). */
    private static final Pattern ENCODED = Pattern.compile(
            "([gp])\\.(\\d{1,18})\\.([0-9a-f]{64})\\.(\\d{1,18})\\.([0-9a-f]{64})\\.(\\d{1,18})\\.([a-z-]{1,16})"
                    + "(?:\\.k(\\d{1,18}))?");

    public static FileMeta of(Representations.Representation rep, Instant modified, long keyId) {
        return new FileMeta(
                rep.storedGzip(),
                rep.bytes(),
                rep.sha256(),
                rep.plainBytes(),
                rep.plainSha256(),
                modified.getEpochSecond(),
                rep.format(),
                keyId);
    }

    public String encode() {
        return (gzip ? "g" : "p") + "." + bytes + "." + sha256 + "." + plainBytes + "." + plainSha256 + "." + modified
                + "." + format.key() + (keyId > 0 ? ".k" + keyId : "");
    }

    public static Optional<FileMeta> decode(String m) {
        if (m == null) return Optional.empty();
        Matcher x = ENCODED.matcher(m);
        if (!x.matches()) return Optional.empty();
        return Format.parse(x.group(7))
                .map(f -> new FileMeta(
                        x.group(1).equals("g"),
                        Long.parseLong(x.group(2)),
                        x.group(3),
                        Long.parseLong(x.group(4)),
                        x.group(5),
                        Long.parseLong(x.group(6)),
                        f,
                        x.group(8) == null ? 0 : Long.parseLong(x.group(8))));
    }

    public Representations.Representation representation(String key) {
        return new Representations.Representation(
                key, format, format.contentType(), gzip, bytes, sha256, plainBytes, plainSha256);
    }

    /** What the signature covers: the file's key and everything the link says about it. */
    public static String signed(String key, String m) {
        return key + "?m=" + m;
    }
}
