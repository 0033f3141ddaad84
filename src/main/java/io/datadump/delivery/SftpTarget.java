package io.datadump.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.CheckFileNameExtension;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * An SFTP server (Apache MINA SSHD's client). The server must present the pinned host key, never one accepted on
 * first use. A file is written under a hidden temporary name in its final directory, its size (and, where the server
 * offers the check-file extension, its SHA-256) compared with what was sent, and only then renamed to its final name
 * (atomically over an older file where the server offers OpenSSH's posix-rename); a connection dropped mid-file leaves
 * at most the temporary file, which the retry overwrites.
 */
final class SftpTarget implements DeliveryTarget {
    /** 256 KiB writes, several in flight: MINA's default 32 KiB window made a 100 MB file take 4× as long. */
    private static final int WRITE_BUFFER = 256 << 10;

    /**
     * The host key types asked for, in OpenSSH's order (Ed25519 first), so that the fingerprint a tenant reads from
     * their server's ssh_host_ed25519_key.pub, or from their known_hosts, is the key the server presents.
     */
    private static final List<BuiltinSignatures> HOST_KEY_PREFERENCE = List.of(
            BuiltinSignatures.ed25519,
            BuiltinSignatures.nistp256,
            BuiltinSignatures.nistp384,
            BuiltinSignatures.nistp521,
            BuiltinSignatures.rsaSHA512,
            BuiltinSignatures.rsaSHA256);

    /**
     * AES-GCM first: an AEAD cipher needs no separate MAC, and the JDK computes both AES and GHASH with CPU intrinsics,
     * where MINA's default AES-CTR with HMAC-SHA2 hashes every byte again in Java (bench --delivery).
     */
    private static final List<BuiltinCiphers> CIPHER_PREFERENCE = List.of(
            BuiltinCiphers.aes128gcm,
            BuiltinCiphers.aes256gcm,
            BuiltinCiphers.aes128ctr,
            BuiltinCiphers.aes192ctr,
            BuiltinCiphers.aes256ctr);

    private final SshClient client;
    private final ClientSession session;
    private final SftpClient sftp;
    private final String root;
    private final String tempTag;
    private final Set<String> madeDirectories = new HashSet<>();

    private SftpTarget(SshClient client, ClientSession session, SftpClient sftp, String root, String tempTag) {
        this.client = client;
        this.session = session;
        this.sftp = sftp;
        this.root = root;
        this.tempTag = tempTag;
    }

    /**
     * Connects and signs in; {@code tempTag} tells this connection's temporary files apart from another delivery's
     * to the same directory. Throws a {@link DeliveryException} saying what was refused.
     */
    static SftpTarget connect(Destination.Sftp d, String secret, Duration timeout, String tempTag) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setCipherFactories(CIPHER_PREFERENCE.stream()
                .filter(BuiltinCiphers::isSupported)
                .map(f -> (org.apache.sshd.common.NamedFactory<org.apache.sshd.common.cipher.Cipher>) f)
                .toList());
        client.setSignatureFactories(HOST_KEY_PREFERENCE.stream()
                .filter(BuiltinSignatures::isSupported)
                .map(f -> (org.apache.sshd.common.NamedFactory<org.apache.sshd.common.signature.Signature>) f)
                .toList());
        AtomicReference<String> presented = new AtomicReference<>();
        client.setServerKeyVerifier((clientSession, address, key) -> {
            String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
            presented.set(KeyUtils.getKeyType(key) + " host key " + fingerprint);
            return fingerprint.equals(d.hostKey());
        });
        client.start();
        ClientSession session = null;
        try {
            try {
                session = client.connect(d.user(), d.host(), d.port())
                        .verify(timeout)
                        .getSession();
            } catch (IOException e) {
                throw DeliveryException.transientFailure(
                        "could not connect to " + d.host() + ":" + d.port() + " (" + rootMessage(e) + ")", e);
            }
            if (d.auth() == Destination.SftpAuth.PASSWORD) {
                session.addPasswordIdentity(secret);
            } else {
                for (KeyPair key : privateKeys(secret)) session.addPublicKeyIdentity(key);
            }
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                if (presented.get() != null && !presented.get().endsWith(" " + d.hostKey())) {
                    throw DeliveryException.permanent(
                            "the server " + d.host() + ":" + d.port() + " presented its " + presented.get()
                                    + ", not the pinned " + d.hostKey() + "; if its key really changed, add the"
                                    + " destination again with the new fingerprint",
                            e);
                }
                if (presented.get() == null) {
                    throw DeliveryException.transientFailure(
                            "the connection to " + d.host() + ":" + d.port() + " ended before signing in ("
                                    + rootMessage(e) + ")",
                            e);
                }
                throw DeliveryException.permanent(
                        "the server " + d.host() + ":" + d.port() + " refused user " + d.user() + " with this "
                                + (d.auth() == Destination.SftpAuth.PASSWORD ? "password" : "private key"),
                        e);
            }
            SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
            String root = d.directory().isEmpty() ? "." : d.directory();
            return new SftpTarget(client, session, sftp, root, tempTag);
        } catch (IOException | RuntimeException e) {
            if (session != null) session.close(true);
            client.stop();
            throw e;
        }
    }

    private static Iterable<KeyPair> privateKeys(String pem) throws IOException {
        try {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(
                    null,
                    NamedResource.ofName("the destination's private key"),
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)),
                    FilePasswordProvider.EMPTY);
            if (keys == null || !keys.iterator().hasNext()) throw new GeneralSecurityException("no key found");
            return keys;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw DeliveryException.permanent(
                    "the private key cannot be read (an unencrypted OpenSSH or PEM Ed25519, ECDSA or RSA key is needed: "
                            + e.getMessage() + ")",
                    e);
        }
    }

    private String resolve(String path) {
        return root.endsWith("/") ? root + path : root + "/" + path; // the root "/" takes no second slash
    }

    @Override
    public Upload upload(String path, String contentType) throws IOException {
        String target = resolve(path);
        int slash = target.lastIndexOf('/');
        String directory = target.substring(0, slash);
        makeDirectories(directory);
        String temp = directory + "/." + target.substring(slash + 1) + "." + tempTag + ".part";
        OutputStream out = sftp.write(
                temp,
                WRITE_BUFFER,
                SftpClient.OpenMode.Write,
                SftpClient.OpenMode.Create,
                SftpClient.OpenMode.Truncate);
        return new Upload(out) {
            private boolean committed;

            @Override
            void commit(long bytes, String sha256) throws IOException {
                out.close();
                long stored = sftp.stat(temp).getSize();
                if (stored != bytes) {
                    throw new IOException(path + " holds " + stored + " bytes after the upload, not " + bytes);
                }
                String theirs = serverSha256(temp).orElse(sha256);
                if (!theirs.equals(sha256)) {
                    throw new IOException(
                            path + " has SHA-256 " + theirs + " on the server, not " + sha256 + " as" + " sent");
                }
                rename(temp, target);
                committed = true;
            }

            @Override
            public void close() throws IOException {
                if (committed) return;
                try {
                    out.close();
                    sftp.remove(temp);
                } catch (IOException ignored) {
                    // a dropped connection: the retry writes the same temporary name again
                }
            }
        };
    }

    /** The server's SHA-256 of a file, where it offers the check-file extension (OpenSSH does not; MINA does). */
    private java.util.Optional<String> serverSha256(String path) {
        CheckFileNameExtension check = sftp.getExtension(CheckFileNameExtension.class);
        if (check == null || !check.isSupported()) return java.util.Optional.empty();
        try {
            Map.Entry<String, Collection<byte[]>> answer = check.checkFileName(path, List.of("sha256"), 0, 0, 0);
            if (!"sha256".equalsIgnoreCase(answer.getKey()) || answer.getValue().isEmpty())
                return java.util.Optional.empty();
            return java.util.Optional.of(
                    HexFormat.of().formatHex(answer.getValue().iterator().next()));
        } catch (IOException e) {
            return java.util.Optional.empty(); // offered but not for this algorithm: the size check stands
        }
    }

    private void rename(String from, String to) throws IOException {
        OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
        if (posix != null && posix.isSupported()) {
            posix.posixRename(from, to);
            return;
        }
        try {
            sftp.remove(to); // SFTP v3's rename refuses an existing target
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) throw e;
        }
        sftp.rename(from, to);
    }

    private void makeDirectories(String directory) throws IOException {
        if (madeDirectories.contains(directory)) return;
        List<String> missing = new ArrayList<>();
        String d = directory;
        while (!d.isEmpty() && !d.equals(".") && !exists(d)) {
            missing.add(0, d);
            int slash = d.lastIndexOf('/');
            d = slash <= 0 ? "" : d.substring(0, slash);
        }
        for (String m : missing) {
            try {
                sftp.mkdir(m);
            } catch (SftpException e) {
                if (!exists(m)) throw e; // made meanwhile by another delivery: fine
            }
        }
        madeDirectories.add(directory);
    }

    private boolean exists(String path) throws IOException {
        try {
            sftp.stat(path);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) return false;
            throw e;
        }
    }

    @Override
    public void delete(String path) throws IOException {
        String full = resolve(path);
        SftpClient.Attributes attributes;
        try {
            attributes = sftp.lstat(full);
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) return;
            throw e;
        }
        if (attributes.isDirectory()) deleteTree(full);
        else sftp.remove(full);
        madeDirectories.removeIf(m -> m.equals(full) || m.startsWith(full + "/"));
    }

    private void deleteTree(String directory) throws IOException {
        for (SftpClient.DirEntry e : sftp.readDir(directory)) {
            if (e.getFilename().equals(".") || e.getFilename().equals("..")) continue;
            String child = directory + "/" + e.getFilename();
            if (e.getAttributes().isDirectory()) deleteTree(child);
            else sftp.remove(child);
        }
        sftp.rmdir(directory);
    }

    @Override
    public List<String> directories(String path) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (SftpClient.DirEntry e : sftp.readDir(resolve(path))) {
                if (e.getFilename().startsWith(".")) continue;
                if (e.getAttributes().isDirectory()) names.add(e.getFilename());
            }
        } catch (SftpException e) {
            if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) throw e;
        }
        return names;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() throws IOException {
        try {
            sftp.close();
        } finally {
            session.close(true);
            client.stop();
        }
    }
}
