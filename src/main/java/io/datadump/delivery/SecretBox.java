package io.datadump.delivery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts destination secrets at rest: AES-256-GCM under the operator's key (DATADUMP_SECRETS_KEY, 32 bytes as base64
 * or hex), a fresh 96-bit nonce per secret, and the owner ("destination of account 7") as associated data, so a
 * ciphertext copied onto another account's row fails to open instead of lending that account the secret. Stored as
 * {@code version || nonce || ciphertext+tag}.
 */
public final class SecretBox {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private SecretBox(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Parses DATADUMP_SECRETS_KEY: 32 bytes as base64 (44 characters) or hex (64); anything else is refused. */
    public static SecretBox parse(String encoded) {
        String s = encoded.strip();
        byte[] bytes;
        if (s.matches("[0-9a-fA-F]{64}")) {
            bytes = HexFormat.of().parseHex(s);
        } else {
            try {
                bytes = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(
                    "must be 32 random bytes as base64 or hex (e.g. `openssl rand -base64 32`)");
        }
        return new SecretBox(bytes);
    }

    public byte[] seal(String secret, String owner) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, owner, secret.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                .put(VERSION)
                .put(nonce)
                .put(sealed)
                .array();
    }

    /** The secret, or an exception saying it cannot be opened (another key, another owner, or altered). */
    public String open(byte[] stored, String owner) {
        if (stored.length < 1 + NONCE_BYTES + 16 || stored[0] != VERSION) {
            throw new IllegalStateException("a stored secret of " + owner + " is not in a format this version reads");
        }
        byte[] nonce = Arrays.copyOfRange(stored, 1, 1 + NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(stored, 1 + NONCE_BYTES, stored.length);
        try {
            return new String(crypt(Cipher.DECRYPT_MODE, nonce, owner, sealed), StandardCharsets.UTF_8);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the stored secret of " + owner + " cannot be opened with"
                    + " DATADUMP_SECRETS_KEY (another key, or the row was altered); store the destination again");
        }
    }

    private byte[] crypt(int mode, byte[] nonce, String owner, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Equal under the same key (settings compare so; see ConfigTest). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SecretBox other && MessageDigest.isEqual(key.getEncoded(), other.key.getEncoded());
    }

    @Override
    public int hashCode() {
        return 1;
    }

    @Override
    public String toString() {
        return "SecretBox[key hidden]";
    }
}
