package io.datadump.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server for tests (Apache MINA SSHD) over a temporary directory: one user with a password and one
 * authorized key, a host key of its own, and a fault: drop the connection after a number of bytes of the next uploads.
 */
public final class SftpTestServer implements AutoCloseable {
    public static final String USER = "broker";
    public static final String PASSWORD = "nas-Passw0rd!";

    private final SshServer server;
    private final Path root;
    private final KeyPair clientKey;
    private final AtomicLong dropAfterBytes = new AtomicLong(-1);
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final List<String> renamedTo = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile java.util.concurrent.CountDownLatch holdWrites;

    private SftpTestServer(SshServer server, Path root, KeyPair clientKey) {
        this.server = server;
        this.root = root;
        this.clientKey = clientKey;
    }

    public static SftpTestServer start() throws Exception {
        Path root = Files.createTempDirectory("sftp-root");
        // ssh-keygen's default type since OpenSSH 9.5
        KeyPair clientKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys =
                new SimpleGeneratorHostKeyProvider(root.resolveSibling(root.getFileName() + "-hostkey.ser"));
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        server.setKeyPairProvider(hostKeys);
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setPublickeyAuthenticator(
                (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(key, clientKey.getPublic()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        SftpTestServer test = new SftpTestServer(server, root, clientKey);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(test.new DropMidFile());
        server.setSubsystemFactories(List.of(sftp));
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                test.sessions.incrementAndGet();
            }
        });
        server.start();
        return test;
    }

    public int port() {
        return server.getPort();
    }

    public Path root() {
        return root;
    }

    /** The host key's fingerprint as ssh-keygen -l prints it. */
    public String fingerprint() throws Exception {
        KeyPairProvider keys = server.getKeyPairProvider();
        return KeyUtils.getFingerPrint(
                BuiltinDigests.sha256, keys.loadKeys(null).iterator().next().getPublic());
    }

    /** The authorized client key as an OpenSSH private key file's text. */
    public String clientPrivateKey() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "datadump-test", null, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The next upload that passes {@code bytes} loses its connection there (once). */
    public void dropNextUploadAfter(long bytes) {
        dropAfterBytes.set(bytes);
    }

    /** Every write blocks until {@link #releaseWrites()} (a delivery that hangs mid-file, for killing its node). */
    public void holdWrites() {
        holdWrites = new java.util.concurrent.CountDownLatch(1);
    }

    public void releaseWrites() {
        if (holdWrites != null) holdWrites.countDown();
        holdWrites = null;
    }

    /** The final names files were renamed to, in order, relative to the root. */
    public List<String> renamedTo() {
        return List.copyOf(renamedTo);
    }

    public int drops() {
        return drops.get();
    }

    /** SSH sessions opened so far (a retry storm shows here). */
    public int sessions() {
        return sessions.get();
    }

    private final class DropMidFile implements SftpEventListener {
        @Override
        public void writing(
                ServerSession session,
                String remoteHandle,
                FileHandle localHandle,
                long offset,
                byte[] data,
                int dataOffset,
                int dataLen)
                throws IOException {
            var hold = holdWrites;
            if (hold != null) {
                try {
                    hold.await(120, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            long limit = dropAfterBytes.get();
            if (limit >= 0 && offset + dataLen > limit && dropAfterBytes.compareAndSet(limit, -1)) {
                drops.incrementAndGet();
                session.close(true);
                throw new IOException("connection dropped by the test");
            }
        }

        @Override
        public void moved(
                ServerSession session,
                Path source,
                Path target,
                java.util.Collection<java.nio.file.CopyOption> options,
                Throwable thrown) {
            if (thrown == null) renamedTo.add(target.toString().replaceFirst("^/", ""));
        }
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        TestDatabases.deleteDirectory(root);
    }
}
