package io.datadump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {
    record Outcome(int exitCode, String out, String err) {}

    static Outcome run(Map<String, String> env, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Cli.run(
                () -> Config.fromMap(env),
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBadSettingStopsACommandWithOneSentenceBeforeAnythingStarts() throws Exception {
        Path home = Files.createTempDirectory("cli");
        Outcome o = run(
                Map.of(
                        "DATADUMP_HOME",
                        home.toString(),
                        "DATADUMP_S3_PATH_STYLE",
                        "maybe",
                        "DATADUMP_STORAGE",
                        "s3://bucket/p"),
                "accounts",
                "list");
        assertThat(o.exitCode()).isNotZero();
        assertThat(o.err())
                .isEqualTo("error: DATADUMP_S3_PATH_STYLE must be true or false (or yes/no, on/off, 1/0), not 'maybe'"
                        + System.lineSeparator());
        assertThat(o.out()).isEmpty();
        assertThat(home.resolve("postgres")).as("no database was started").doesNotExist();

        Outcome port = run(Map.of("DATADUMP_HOME", home.toString(), "DATADUMP_PORT", "70000"), "serve");
        assertThat(port.exitCode()).isNotZero();
        assertThat(port.err())
                .isEqualTo("error: DATADUMP_PORT must be from 0 to 65535, not 70000" + System.lineSeparator());
        assertThat(home.resolve("postgres")).doesNotExist();
    }

    @Test
    void badArgumentsAreRefusedWithOneSentenceBeforeAnythingStarts() throws Exception {
        Path home = Files.createTempDirectory("cli-args");
        Map<String, String> env = Map.of("DATADUMP_HOME", home.toString());
        Outcome scale = run(env, "generate", "--account", "1", "--scale", "2000000000");
        assertThat(scale.exitCode()).isNotZero();
        assertThat(scale.err()).isEqualTo("error: --scale is 1 to 10000, not 2000000000" + System.lineSeparator());
        Outcome host = run(env, "serve", "--host", "999.1.1.1");
        assertThat(host.exitCode()).isNotZero();
        assertThat(host.err())
                .startsWith("error: --host 999.1.1.1 is not an address of this machine")
                .endsWith("own addresses" + System.lineSeparator());
        Outcome demo = run(env, "demo", "--scale", "0", "--no-serve");
        assertThat(demo.err()).startsWith("error: --scale is 1 to 10000");
        Outcome storage =
                run(Map.of("DATADUMP_HOME", home.toString(), "DATADUMP_STORAGE", "file:"), "accounts", "list");
        assertThat(storage.err()).startsWith("error: DATADUMP_STORAGE must name a directory");
        Outcome url =
                run(Map.of("DATADUMP_HOME", home.toString(), "DATADUMP_DB_URL", "jdbc:postgresql://"), "db", "migrate");
        assertThat(url.err()).startsWith("error: DATADUMP_DB_URL must be a PostgreSQL JDBC URL");
        assertThat(home.resolve("postgres")).as("nothing started").doesNotExist();
    }
}
