package io.datadump.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code datadump check}: every stored dump read back and compared with its manifest, as an operator runs it. */
class CheckCommandTest {
    @Test
    void findsMissingDamagedAndOrphanedFilesAndAWrongPointer() throws Exception {
        Path home = Files.createTempDirectory("check");
        Map<String, String> env = TestDatabases.env(home, TestDatabases.createDatabase());
        env.put("DATADUMP_FILE_DELTA_MIN_KB", "0");
        long account;
        DumpResult first, second;
        Path root;
        try (App app = App.open(Config.fromMap(env))) {
            account = app.accounts().create("Prüf GmbH", true).id();
            app.generator().generate(account, GenerationPlan.tiny(), 9, DemoDataGenerator.Progress.NONE);
            first = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            app.builtInCrm().update("UPDATE notes SET title = 'neu' WHERE account_id = ?", account);
            second = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            root = ((FileStorage) app.storage()).root();
        }
        CliRunner.Outcome healthy = CliRunner.run(env, "check");
        assertThat(healthy.exitCode()).as(healthy.err()).isZero();
        assertThat(healthy.out()).contains("read 2 dump(s), 52 files").contains("no problems");

        Path firstDir = root.resolve(first.run().storagePrefix());
        Path secondDir = root.resolve(second.run().storagePrefix());
        Files.delete(firstDir.resolve("deals.json"));
        Files.writeString(secondDir.resolve("notes.json"), "[\n]\n"); // changed since the first: not shared
        Files.createDirectories(secondDir.resolveSibling("20260101T000000Z-999"));
        Files.copy(
                firstDir.resolve("manifest.json"),
                root.resolve("accounts/" + account + "/current.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        CliRunner.Outcome damaged = CliRunner.run(env, "check", "--account", Long.toString(account));
        assertThat(damaged.exitCode()).isEqualTo(1);
        assertThat(damaged.out())
                .contains("dump " + first.run().id() + ": deals.json is missing from storage")
                .contains("dump " + second.run().id() + ": notes.json does not match its manifest")
                .contains("orphaned directory accounts/" + account + "/dumps/20260101T000000Z-999/")
                .contains("current.json")
                .contains("4 problem(s)");
        assertThat(damaged.err()).startsWith("error: 4 problem(s) in stored dumps, first: account " + account);

        try (App app = App.open(Config.fromMap(env))) {
            assertThat(app.storageCheck().checkAllAndRecord().problems()).hasSize(4);
            long end = System.nanoTime() + 10_000_000_000L; // the gauge is read in the background
            while (!app.metrics().scrape().contains("datadump_storage_check_problems 4.0") && System.nanoTime() < end)
                Thread.sleep(100);
            assertThat(app.metrics().scrape()).contains("datadump_storage_check_problems 4.0");
        }
    }
}
