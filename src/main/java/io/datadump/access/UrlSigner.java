package io.datadump.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over a storage key and an expiry time. The key names the account's directory, so a
 * signature for one account's file cannot be moved to another's, and nothing in the URL can be altered.
 */
public final class UrlSigner {
    private final byte[] secret;

    public UrlSigner(byte[] secret) {
        if (secret.length < 16) throw new IllegalArgumentException("the signing secret must have at least 16 bytes");
        this.secret = secret.clone();
    }

    /** DATADUMP_SIGNING_SECRET if given, else a random secret generated once and kept under DATADUMP_HOME. */
    public static UrlSigner fromConfig(Optional<String> configured, Path home) {
        if (configured.isPresent()) return new UrlSigner(configured.get().getBytes(StandardCharsets.UTF_8));
        Path file = home.resolve("signing.secret");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(home);
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                Path tmp = Files.createTempFile(home, "signing", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.writeString(tmp, HexFormat.of().formatHex(bytes));
                try {
                    Files.move(tmp, file); // no REPLACE: a concurrent first start keeps whichever secret won
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(tmp);
                }
            }
            return new UrlSigner(HexFormat.of().parseHex(Files.readString(file).trim()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the signing secret " + file, e);
        }
    }

    public String sign(String key, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal((key + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean verify(String key, long expiresEpochSecond, String signature) {
        if (signature == null) return false;
        byte[] expected = sign(key, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
    }
}
