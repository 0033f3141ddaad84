package io.datadump.dump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and SHA-256-hashes the bytes that pass through it. */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private long count;
    private String hex;

    public DigestingOutputStream(OutputStream out) {
        super(out);
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        count += len;
    }

    public long count() {
        return count;
    }

    /** The hash of everything written, computed once: ask after the last write. */
    public String sha256Hex() {
        if (hex == null) hex = HexFormat.of().formatHex(sha256.digest());
        return hex;
    }
}
