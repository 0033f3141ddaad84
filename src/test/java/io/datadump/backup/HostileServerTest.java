package io.datadump.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.datadump.cli.CliRunner;
import io.datadump.support.TestDatabases;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code pull} against a server that lies: names that would leave the backup folder, bodies longer than announced,
 * endless or trickling answers. Each ends the pull with one sentence, promptly, writing nothing outside {@code --dir}.
 * The server is the JDK's own HTTP server, answering what each test scripts.
 */
@Tag("unit") // no database: a real HTTP server in this JVM
class HostileServerTest {
    static final String SHA = "0".repeat(64);
    HttpServer server;
    String base;
    Path root;
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-server");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        root = Files.createTempDirectory("hostile");
        dir = root.resolve("inner").resolve("backup");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        TestDatabases.deleteDirectory(root);
    }

    static String index(String table, long bytes) {
        return "{\"account_id\":1,\"dump_id\":7,\"date\":\"2026-12-05\",\"gzip\":false,\"tables\":[{\"name\":\""
                + table + "\",\"rows\":1,\"bytes\":" + bytes + ",\"sha256\":\"" + SHA + "\",\"json_bytes\":" + bytes
                + ",\"json_sha256\":\"" + SHA + "\",\"custom_fields\":[],\"path\":\"/v1/datadump/x\"}]}";
    }

    void answer(String path, String json) {
        server.createContext(path, exchange -> send(exchange, json.getBytes(StandardCharsets.UTF_8)));
    }

    static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A body that never ends: {@code chunk} again and again, each after {@code pauseMillis}. */
    static HttpHandler endless(byte[] head, byte[] chunk, long pauseMillis) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(head);
                while (true) {
                    out.write(chunk);
                    out.flush();
                    if (pauseMillis > 0) Thread.sleep(pauseMillis);
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up: what this server waits for
            }
        };
    }

    /** The index announces one table, whose file {@code file} serves. */
    void oneTable(String table, long bytes, HttpHandler file) {
        answer("/v1/datadump", index(table, bytes));
        answer("/v1/datadump/" + table, "{\"url\":\"/files/" + table + "\"}");
        server.createContext("/files/", file);
    }

    CliRunner.Outcome pull(String... extra) {
        String[] args = Stream.concat(
                        Stream.of("pull", "--url", base, "--dir", dir.toString(), "--quiet"), Arrays.stream(extra))
                .toArray(String[]::new);
        return CliRunner.run(Map.of("DATADUMP_HOME", "/nonexistent", "DATADUMP_API_KEY", "dd_key"), args);
    }

    /** Every file under the test's root, outside the backup folder too. */
    Stream<Path> everyFile() throws IOException {
        return Files.walk(root).filter(Files::isRegularFile);
    }

    @Test
    void aTableNameThatClimbsOutOfTheFolderIsRefusedAndNothingIsWritten() throws Exception {
        oneTable("../../x", 24, endless(new byte[0], "[]\n".getBytes(), 0));
        CliRunner.Outcome outcome = pull();
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("names a table \"../../x\", which is no table name");
        try (Stream<Path> files = everyFile()) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anAbsoluteTableNameIsRefused() throws Exception {
        Path outside = root.resolve("abs");
        oneTable(outside.toString(), 24, endless(new byte[0], "[]\n".getBytes(), 0));
        CliRunner.Outcome outcome = pull();
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("which is no table name");
        assertThat(outside.resolveSibling("abs.json")).doesNotExist();
        try (Stream<Path> files = everyFile()) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFileLongerThanAnnouncedStopsAtItsAnnouncedSize() throws Exception {
        oneTable("contacts", 24, endless(new byte[0], new byte[1 << 16], 0));
        long t0 = System.nanoTime();
        CliRunner.Outcome outcome = pull();
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("sent more of the file /files/contacts than the 24 bytes announced");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
        try (Stream<Path> files = everyFile()) {
            assertThat(files.mapToLong(f -> f.toFile().length()).sum()).isLessThanOrEqualTo(25);
        }
    }

    @Test
    void aFileShorterThanAnnouncedFailsItsChecksum() throws Exception {
        oneTable("contacts", 24, exchange -> send(exchange, "[]\n".getBytes()));
        CliRunner.Outcome outcome = pull();
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("does not match its sha256");
    }

    @Test
    void aTricklingFileIsGivenUpAfterTheIdleWindow() throws Exception {
        oneTable("contacts", 1 << 20, endless(new byte[0], new byte[1], 500));
        long t0 = System.nanoTime();
        CliRunner.Outcome outcome = pull("--idle-timeout", "1");
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).containsPattern("sent only \\d+ bytes of the file /files/contacts in 1 s");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
    }

    @Test
    void aSilentIndexIsGivenUpAfterTheIdleWindow() throws Exception {
        server.createContext("/v1/datadump", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        long t0 = System.nanoTime();
        CliRunner.Outcome outcome = pull("--idle-timeout", "1");
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("sent only 0 bytes of the index in 1 s");
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
    }

    @Test
    void anEndlessIndexIsRefusedAtItsSizeLimitWithoutRunningOutOfMemory() throws Exception {
        byte[] entry = "{\"name\":\"contacts\",\"rows\":1},".getBytes();
        byte[] chunk = new byte[entry.length * 1000];
        for (int i = 0; i < 1000; i++) System.arraycopy(entry, 0, chunk, i * entry.length, entry.length);
        server.createContext("/v1/datadump", endless("{\"dump_id\":7,\"tables\":[".getBytes(), chunk, 0));
        CliRunner.Outcome outcome = pull();
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("the server's answer (the index) is larger than 16 MiB");
    }

    @Test
    void anIndexThatIsNoJsonSaysSo() throws Exception {
        answer("/v1/datadump", "<html>a login page</html>");
        CliRunner.Outcome outcome = pull();
        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.err()).contains("could not be read").contains("a datadump server?");
    }

    @Test
    void aDumpIdOrDateThatIsNoneIsRefused() throws Exception {
        answer("/v1/datadump", index("contacts", 24).replace("\"dump_id\":7", "\"dump_id\":-3"));
        assertThat(pull().err()).contains("names a dump -3, which is no dump id");
        server.removeContext("/v1/datadump");
        answer("/v1/datadump", index("contacts", 24).replace("2026-12-05", "../../etc"));
        assertThat(pull().err()).contains("gives no valid date");
        try (Stream<Path> files = everyFile()) {
            assertThat(files).isEmpty();
        }
    }
}
