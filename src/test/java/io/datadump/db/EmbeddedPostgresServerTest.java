package io.datadump.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datadump.support.Datadump;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

    @Test
    void aSecondProcessAttachesToTheRunningEmbeddedInstance() throws Exception {
        Path home = Files.createTempDirectory("datadump-home");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.startOrAttach(home)) {
            assertThat(first.startedHere()).isTrue();
            // A real second JVM, as an admin command next to 'serve' would be.
            ProcessBuilder pb = Datadump.command("accounts", "create", "--name", "Second Process GmbH")
                    .redirectErrorStream(false);
            pb.environment().put("DATADUMP_HOME", home.toString());
            pb.environment().remove("DATADUMP_DB_URL");
            Process p = pb.start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            String err = new String(p.getErrorStream().readAllBytes());
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(out).as("stdout holds only the account id").matches("\\d+");
            // the second process left the server running: this one still reaches it
            try (var c = DriverManager.getConnection(first.jdbcUrl(), "postgres", null);
                    var rs = c.createStatement().executeQuery("SELECT name FROM datadump.accounts")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Second Process GmbH");
            }
            // and within one JVM a second open attaches too
            try (EmbeddedPostgresServer second = EmbeddedPostgresServer.startOrAttach(home)) {
                assertThat(second.startedHere()).isFalse();
                assertThat(second.port()).isEqualTo(first.port());
            }
        }
    }

    @Test
    void aChosenPortIsUsedAndATakenOneIsRefusedInOneSentence() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path home = Files.createTempDirectory("datadump-port");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startOrAttach(home, port)) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + port + "/postgres");
            try (var c = DriverManager.getConnection(server.jdbcUrl(), "postgres", null)) {
                assertThat(c.isValid(5)).isTrue();
            }
        }
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Path other = Files.createTempDirectory("datadump-port-taken");
            assertThatThrownBy(() -> EmbeddedPostgresServer.startOrAttach(other, taken.getLocalPort()))
                    .hasMessage("DATADUMP_EMBEDDED_DB_PORT " + taken.getLocalPort() + " is taken by another program;"
                            + " choose another port, or unset it for any free one");
        }
    }

    @Test
    void aServerLeftRunningByAKilledProcessIsAdoptedAndStoppedByTheNextOwner() throws Exception {
        Path home = Files.createTempDirectory("datadump-orphan");
        // A real JVM that starts the embedded server and is killed (kill -9) while it runs: no shutdown hook runs.
        ProcessBuilder pb = Datadump.command("serve", "--host", "127.0.0.1", "--no-scheduler")
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("orphan", ".log").toFile());
        pb.environment().put("DATADUMP_HOME", home.toString());
        pb.environment().put("DATADUMP_PORT", "0");
        pb.environment().remove("DATADUMP_DB_URL");
        Process starter = pb.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(home.resolve("postgres.owner")) && System.nanoTime() < end) Thread.sleep(100);
        Thread.sleep(500);
        starter.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int port =
                Integer.parseInt(Files.readString(home.resolve("postgres.port")).strip());
        try (var c =
                DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null)) {
            assertThat(c.isValid(5)).as("the orphan still runs").isTrue();
        }
        try (EmbeddedPostgresServer next = EmbeddedPostgresServer.startOrAttach(home)) {
            assertThat(next.startedHere()).isFalse();
            assertThat(next.adopted()).isTrue();
            assertThat(next.port()).isEqualTo(port);
        }
        assertThatThrownBy(() -> DriverManager.getConnection(
                        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null))
                .as("the adopter stopped it on its clean exit");
    }
}
