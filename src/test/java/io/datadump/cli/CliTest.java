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
}
