package io.datadump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.S3ProxyServer;
import io.datadump.support.SftpTestServer;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** `datadump destinations` as an operator uses it: add, list, test, deliver, remove; and its refusals. */
class DestinationsCommandTest {
    @Test
    void anOperatorAddsTestsDeliversListsAndRemovesDestinations() throws Exception {
        Path home = Files.createTempDirectory("datadump-destinations-cli");
        Map<String, String> env = new HashMap<>(TestDatabases.env(home, TestDatabases.createDatabase()));
        env.put("DATADUMP_SECRETS_KEY", "cd".repeat(32));
        env.put("DATADUMP_DELIVERY_PRIVATE_NETWORKS", "true");
        long account;
        try (App app = App.open(Config.fromMap(env))) {
            account = app.accounts().create("Cli GmbH", true).id();
            app.generator().generate(account, GenerationPlan.tiny(), 3, DemoDataGenerator.Progress.NONE);
            app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        }
        String id = Long.toString(account);
        Path password = home.resolve("password");
        Files.writeString(password, SftpTestServer.PASSWORD + "\n");
        Path s3secret = home.resolve("s3secret");
        Files.writeString(s3secret, S3ProxyServer.SECRET_KEY);
        try (SftpTestServer sftp = SftpTestServer.start();
                S3ProxyServer s3 = S3ProxyServer.start("their-bucket")) {
            String sftpUrl = "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + sftp.port() + "/backup";
            CliRunner.Outcome noKey = CliRunner.run(
                    env,
                    "destinations",
                    "add",
                    "--account",
                    id,
                    "--name",
                    "nas",
                    "--sftp",
                    sftpUrl,
                    "--password-file",
                    password.toString());
            assertThat(noKey.exitCode()).isEqualTo(2);
            assertThat(noKey.err()).contains("needs --host-key SHA256:");

            CliRunner.Outcome added = CliRunner.run(
                    env,
                    "destinations",
                    "add",
                    "--account",
                    id,
                    "--name",
                    "nas",
                    "--sftp",
                    sftpUrl,
                    "--host-key",
                    sftp.fingerprint(),
                    "--password-file",
                    password.toString(),
                    "--formats",
                    "csv,parquet",
                    "--gzip",
                    "--tables",
                    "contacts,deals",
                    "--keep-days",
                    "14");
            assertThat(added.exitCode()).as(added.err()).isZero();
            assertThat(added.out())
                    .startsWith("added destination nas: sftp://broker@127.0.0.1:" + sftp.port() + "/backup");
            CliRunner.Outcome bucket = CliRunner.run(
                    env,
                    "destinations",
                    "add",
                    "--account",
                    id,
                    "--name",
                    "lake",
                    "--s3",
                    "s3://their-bucket/crm",
                    "--endpoint",
                    s3.endpoint(),
                    "--path-style",
                    "--access-key",
                    S3ProxyServer.ACCESS_KEY,
                    "--secret-key-file",
                    s3secret.toString(),
                    "--formats",
                    "ndjson");
            assertThat(bucket.exitCode()).as(bucket.err()).isZero();

            CliRunner.Outcome tested = CliRunner.run(env, "destinations", "test", "--account", id, "--name", "nas");
            assertThat(tested.exitCode()).as(tested.err()).isZero();
            assertThat(tested.out()).startsWith("wrote and deleted .datadump-test-");

            for (String name : new String[] {"nas", "lake"}) {
                CliRunner.Outcome delivered =
                        CliRunner.run(env, "destinations", "deliver", "--account", id, "--name", name);
                assertThat(delivered.exitCode()).as(delivered.err()).isZero();
                assertThat(delivered.out()).startsWith("delivered dump ");
            }
            try (var files = Files.walk(sftp.root().resolve("backup"))) {
                assertThat(files.filter(Files::isRegularFile)
                                .map(p -> sftp.root()
                                        .resolve("backup")
                                        .relativize(p)
                                        .toString()))
                        .hasSize(6)
                        .anyMatch(p -> p.matches("contacts/\\d{4}-\\d\\d-\\d\\d/contacts\\.csv\\.gz"))
                        .anyMatch(p -> p.matches("deals/\\d{4}-\\d\\d-\\d\\d/deals\\.parquet"))
                        .anyMatch(p -> p.matches("_runs/\\d{4}-\\d\\d-\\d\\d-\\d+/_SUCCESS"));
            }
            try (var client = s3.client()) {
                assertThat(client.listObjectsV2(r -> r.bucket("their-bucket").prefix("crm/"))
                                .contents())
                        .anyMatch(o -> o.key().matches("crm/contacts/\\d{4}-\\d\\d-\\d\\d/contacts\\.ndjson"));
            }

            CliRunner.Outcome list = CliRunner.run(env, "destinations", "list", "--account", id);
            assertThat(list.out())
                    .contains(
                            "nas", "csv,parquet gzip", "delivered", "lake", "s3://their-bucket/crm at " + s3.endpoint())
                    .doesNotContain(SftpTestServer.PASSWORD)
                    .doesNotContain(S3ProxyServer.SECRET_KEY);

            // a wrong secret: the test says what was refused, in one line, with a non-zero exit
            Path wrong = home.resolve("wrong");
            Files.writeString(wrong, "wrong-secret");
            CliRunner.run(
                    env,
                    "destinations",
                    "add",
                    "--account",
                    id,
                    "--name",
                    "wrong",
                    "--s3",
                    "s3://their-bucket/x",
                    "--endpoint",
                    s3.endpoint(),
                    "--path-style",
                    "--access-key",
                    S3ProxyServer.ACCESS_KEY,
                    "--secret-key-file",
                    wrong.toString());
            CliRunner.Outcome refused = CliRunner.run(env, "destinations", "test", "--account", id, "--name", "wrong");
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err())
                    .startsWith("error: the test of wrong (s3://their-bucket/x at ")
                    .contains("the S3 server answered 403")
                    .doesNotContain("wrong-secret");
            assertThat(refused.err().lines()).hasSize(1);

            CliRunner.Outcome removed = CliRunner.run(env, "destinations", "remove", "--account", id, "--name", "nas");
            assertThat(removed.out()).startsWith("removed destination nas");
            CliRunner.Outcome gone = CliRunner.run(env, "destinations", "test", "--account", id, "--name", "nas");
            assertThat(gone.err()).contains("has no destination named 'nas'");
        } finally {
            TestDatabases.deleteDirectory(home);
        }
    }
}
