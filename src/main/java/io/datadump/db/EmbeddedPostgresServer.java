package io.datadump.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default: a real PostgreSQL whose data lives under DATADUMP_HOME/postgres and survives restarts.
 * <p>
 * Several datadump processes may share one home (say {@code serve} and an admin command). A file lock
 * serialises the decision; the first process starts PostgreSQL and records its port, later ones find it
 * listening there and attach instead of starting a second server on the same data directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final int port;
    private final EmbeddedPostgres startedHere; // null when attached to a server another process started
    private final Path adopted; // the data directory of an orphaned server this process took over, else null

    private EmbeddedPostgresServer(int port, EmbeddedPostgres startedHere, Path adopted) {
        this.port = port;
        this.startedHere = startedHere;
        this.adopted = adopted;
    }

    public static EmbeddedPostgresServer startOrAttach(Path home) {
        return startOrAttach(home, 0);
    }

    /**
     * As {@link #startOrAttach(Path)}; a server this call starts listens on {@code port} (0: the port it had before
     * if free, else any free one), for a SQL client or a firewall rule that wants to know it.
     */
    public static EmbeddedPostgresServer startOrAttach(Path home, int port) {
        try {
            Files.createDirectories(home);
            Path portFile = home.resolve("postgres.port");
            try (FileChannel lockChannel = FileChannel.open(
                            home.resolve("postgres.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    var ignored = lockChannel.lock()) {
                Optional<Integer> recorded = readPort(portFile);
                Path ownerFile = home.resolve("postgres.owner");
                if (recorded.isPresent() && answers(recorded.get())) {
                    // The process that started it may have died (kill -9) and left it running: then this one adopts
                    // it, and stops it on its own clean exit, as the starter would have.
                    if (ownerAlive(ownerFile)) return new EmbeddedPostgresServer(recorded.get(), null, null);
                    writeOwner(ownerFile);
                    return new EmbeddedPostgresServer(recorded.get(), null, home.resolve("postgres"));
                }
                if (port > 0 && !isFree(port)) {
                    throw new IllegalStateException("DATADUMP_EMBEDDED_DB_PORT " + port + " is taken by another"
                            + " program; choose another port, or unset it for any free one");
                }
                int listen = port > 0
                        ? port
                        : recorded.filter(EmbeddedPostgresServer::isFree).orElseGet(EmbeddedPostgresServer::freePort);
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(home.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .setPort(listen)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", "200")
                        .start();
                Files.writeString(portFile, Integer.toString(listen), StandardCharsets.UTF_8);
                writeOwner(ownerFile);
                return new EmbeddedPostgresServer(listen, pg, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start the embedded PostgreSQL under " + home + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public int port() {
        return port;
    }

    /** True when this process started the server (and so stops it on close). */
    public boolean startedHere() {
        return startedHere != null;
    }

    /** True when this process took over a server whose starter died (and so stops it on close). */
    public boolean adopted() {
        return adopted != null;
    }

    @Override
    public void close() {
        if (startedHere != null) {
            try {
                startedHere.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else if (adopted != null) {
            stopAdopted(adopted);
        }
    }

    /** Fast shutdown of the postmaster named in the data directory's postmaster.pid (SIGINT, as pg_ctl -m fast). */
    private static void stopAdopted(Path dataDirectory) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .strip());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isEmpty()) return;
            new ProcessBuilder("kill", "-INT", Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
            postmaster.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "could not stop the adopted embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private static boolean ownerAlive(Path ownerFile) throws IOException {
        if (!Files.exists(ownerFile)) return true; // written by an older version: assume its starter lives
        try {
            long pid = Long.parseLong(Files.readString(ownerFile).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void writeOwner(Path ownerFile) throws IOException {
        Files.writeString(ownerFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
    }

    private static Optional<Integer> readPort(Path portFile) throws IOException {
        if (!Files.exists(portFile)) return Optional.empty();
        try {
            return Optional.of(Integer.parseInt(Files.readString(portFile).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        } catch (IOException e) {
            return false;
        }
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "5");
        try (var c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", props)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
