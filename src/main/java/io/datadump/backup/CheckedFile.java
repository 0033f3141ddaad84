package io.datadump.backup;

import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * A table's file of a dump, read as plain JSON, whose bytes as sent must have the sha256 the index gives: {@link
 * #verify} reads the rest and compares, before anything made of it is committed.
 */
final class CheckedFile implements AutoCloseable {
    private final DigestInputStream raw;
    private final InputStream json;
    private final String expected;
    private final String table;

    private CheckedFile(DigestInputStream raw, InputStream json, String expected, String table) {
        this.raw = raw;
        this.json = json;
        this.expected = expected;
        this.table = table;
    }

    static CheckedFile open(DumpServer server, ApiBodies.IndexedTable t, long dumpId) throws IOException {
        DumpServer.Body body =
                server.open(server.link(t.name(), dumpId), new DumpServer.Announced(t.bytes(), t.jsonBytes()));
        if (body.gzip() && !t.storedGzip()) {
            body.in().close();
            throw new BackupException("the server sent the file compressed although it is stored plain");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestInputStream raw = new DigestInputStream(body.in(), sha);
        InputStream json = body.gzip() ? new GZIPInputStream(raw, 1 << 16) : raw;
        return new CheckedFile(raw, json, body.gzip() ? t.sha256() : t.jsonSha256(), t.name());
    }

    InputStream json() {
        return json;
    }

    void verify() throws IOException {
        raw.transferTo(OutputStream.nullOutputStream());
        String got = HexFormat.of().formatHex(raw.getMessageDigest().digest());
        if (!got.equals(expected))
            throw new IOException("the download of " + table + " does not match its sha256 in the index");
    }

    @Override
    public void close() throws IOException {
        json.close();
    }
}
