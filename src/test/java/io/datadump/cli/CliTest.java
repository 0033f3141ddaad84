package io.datadump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliTest {
    static CliRunner.Outcome run(Map<String, String> env, String... args) {
        return CliRunner.run(env, args);
    }

    @Test
    void aBadSettingStopsACommandWithOneSentenceBeforeAnythingStarts() throws Exception {
        Path home = Files.createTempDirectory("cli");
        CliRunner.Outcome o = run(
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

        CliRunner.Outcome port = run(Map.of("DATADUMP_HOME", home.toString(), "DATADUMP_PORT", "70000"), "serve");
        assertThat(port.exitCode()).isNotZero();
        assertThat(port.err())
                .isEqualTo("error: DATADUMP_PORT must be from 0 to 65535, not 70000" + System.lineSeparator());
        assertThat(home.resolve("postgres")).doesNotExist();
    }

    @Test
    void storageThatCannotBeWrittenStopsServeBeforeItListens() throws Exception {
        Map<String, String> env = new HashMap<>(
                TestDatabases.env(Files.createTempDirectory("cli-storage"), TestDatabases.createDatabase()));
        env.put("DATADUMP_STORAGE", "file:/proc/nope");
        env.put("DATADUMP_PORT", "0");
        CliRunner.Outcome serve = run(env, "serve", "--host", "127.0.0.1", "--no-scheduler");
        assertThat(serve.exitCode()).isNotZero();
        assertThat(serve.out()).doesNotContain("listening");
        assertThat(serve.err())
                .startsWith("error: DATADUMP_STORAGE file:/proc/nope cannot be written (")
                .endsWith("give datadump a directory or bucket it may write to" + System.lineSeparator());
    }

    @Test
    void badArgumentsAreRefusedWithOneSentenceBeforeAnythingStarts() throws Exception {
        Path home = Files.createTempDirectory("cli-args");
        Map<String, String> env = Map.of("DATADUMP_HOME", home.toString());
        CliRunner.Outcome scale = run(env, "generate", "--account", "1", "--scale", "2000000000");
        assertThat(scale.exitCode()).isNotZero();
        assertThat(scale.err())
                .isEqualTo("error: --scale is 0.01 to 10000 (1 = about 1,000 contacts), not 2000000000"
                        + System.lineSeparator());
        assertThat(run(env, "generate", "--account", "1", "--scale", "a lot").err())
                .isEqualTo("error: --scale is 0.01 to 10000 (1 = about 1,000 contacts), not a lot"
                        + System.lineSeparator());
        CliRunner.Outcome host = run(env, "serve", "--host", "999.1.1.1");
        assertThat(host.exitCode()).isNotZero();
        assertThat(host.err())
                .startsWith("error: --host 999.1.1.1 is not an address of this machine")
                .endsWith("own addresses" + System.lineSeparator());
        CliRunner.Outcome demo = run(env, "demo", "--scale", "0", "--no-serve");
        assertThat(demo.err()).startsWith("error: --scale is 1 to 10000");
        CliRunner.Outcome storage =
                run(Map.of("DATADUMP_HOME", home.toString(), "DATADUMP_STORAGE", "file:"), "accounts", "list");
        assertThat(storage.err()).startsWith("error: DATADUMP_STORAGE must name a directory");
        CliRunner.Outcome url =
                run(Map.of("DATADUMP_HOME", home.toString(), "DATADUMP_DB_URL", "jdbc:postgresql://"), "db", "migrate");
        assertThat(url.err()).startsWith("error: DATADUMP_DB_URL must be a PostgreSQL JDBC URL");
        assertThat(home.resolve("postgres")).as("nothing started").doesNotExist();
    }
}
