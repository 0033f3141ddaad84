package io.datadump.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.cli.CliRunner;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.Datadump;
import io.datadump.support.S3ProxyServer;
import io.datadump.support.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The on-site backup end to end: pull, resume, verify, history and local retention, S3, restore and its proof. */
class BackupTest {
    static App app;
    static String base, key, freeKey;
    static long account;

    @BeforeAll
    static void start() {
        app = TestDatabases.freshApp();
        account = app.accounts().create("Backup GmbH", true).id();
        long free = app.accounts().create("Ohne Datendump GmbH", false).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 8, DemoDataGenerator.Progress.NONE);
        app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        key = app.apiKeys().create(account, "backup").secret();
        freeKey = app.apiKeys().create(free, "backup").secret();
        base = "http://127.0.0.1:" + app.startApi("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static CliRunner.Outcome datadump(String apiKey, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("DATADUMP_HOME", "/nonexistent/datadump-home");
        if (apiKey != null) env.put("DATADUMP_API_KEY", apiKey);
        return CliRunner.run(env, args);
    }

    static Path onlyDump(Path dir) throws IOException {
        List<Path> dumps = new LocalBackups(dir)
                .complete().stream().map(LocalBackups.LocalDump::dir).toList();
        assertThat(dumps).hasSize(1);
        return dumps.get(0);
    }

    @Test
    void aFullPullHoldsEveryTableVerifiedAndASecondPullDownloadsNothing() throws Exception {
        Path dir = Files.createTempDirectory("backup");
        CliRunner.Outcome first = datadump(key, "pull", "--url", base, "--dir", dir.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path dump = onlyDump(dir);
        try (Stream<Path> files = Files.list(dump)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream()
                            .filter(n ->
                                    n.endsWith(".json") && !n.endsWith(".schema.json") && !n.equals("manifest.json")))
                    .hasSize(26);
            assertThat(names.stream().filter(n -> n.endsWith(".schema.json"))).hasSize(26);
            assertThat(names).contains("manifest.json", "SHA256SUMS");
        }
        Process sha = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS")
                .directory(dump.toFile())
                .start();
        assertThat(sha.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sha.exitValue()).as("sha256sum -c SHA256SUMS").isZero();
        assertThat(first.out()).contains("26 tables").doesNotContain(" 0.0 MB downloaded");

        CliRunner.Outcome second = datadump(key, "pull", "--url", base, "--dir", dir.toString());
        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains(": up to date (1 dump(s) held already, nothing downloaded)");
    }

    @Test
    void formatsArePulledBesideTheJsonVerifiedAndCheckedByVerify() throws Exception {
        Path dir = Files.createTempDirectory("backup-formats");
        CliRunner.Outcome pulled =
                datadump(key, "pull", "--url", base, "--dir", dir.toString(), "--format", "parquet,xlsx");
        assertThat(pulled.exitCode()).as(pulled.err()).isZero();
        Path dump = onlyDump(dir);
        byte[] contacts = Files.readAllBytes(dump.resolve("contacts.parquet"));
        assertThat(new String(contacts, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(Files.readAllBytes(dump.resolve("contacts.xlsx"))).startsWith('P', 'K');
        try (Stream<Path> files = Files.list(dump)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names.stream().filter(n -> n.endsWith(".parquet"))).hasSize(26);
            assertThat(names.stream().filter(n -> n.endsWith(".xlsx"))).hasSize(26);
            assertThat(names.stream().filter(n -> n.endsWith(".part"))).isEmpty();
        }
        assertThat(Files.readString(dump.resolve("SHA256SUMS"))).contains("  contacts.parquet\n", "  deals.xlsx\n");
        Process sha = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS")
                .directory(dump.toFile())
                .start();
        assertThat(sha.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(sha.exitValue()).as("sha256sum -c SHA256SUMS").isZero();

        Files.write(dump.resolve("contacts.parquet"), new byte[] {'P', 'A', 'R', '1'});
        CliRunner.Outcome bad = datadump(null, "verify", "--dir", dir.toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.out() + bad.err()).contains("contacts.parquet: sha256 does not match SHA256SUMS");

        CliRunner.Outcome unknown = datadump(key, "pull", "--url", base, "--dir", dir.toString(), "--format", "pdf");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("--format takes csv, csv-excel, ndjson, parquet, xlsx, not pdf");
    }

    @Test
    void aPullKilledMidFileResumesWithRangeAndEndsVerified() throws Exception {
        Path dir = Files.createTempDirectory("backup-resume");
        ProcessBuilder pb = Datadump.command(
                        "pull",
                        "--url",
                        base,
                        "--dir",
                        dir.toString(),
                        "--parallel",
                        "1",
                        "--limit-rate",
                        "300k",
                        "--quiet")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DATADUMP_API_KEY", key);
        Process child = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path part = null;
        while (part == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            part = partFile(dir);
        }
        assertThat(part).as("a file being downloaded").isNotNull();
        Thread.sleep(500);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9, mid-file
        assertThat(new LocalBackups(dir).complete())
                .as("no folder looks complete")
                .isEmpty();
        long partial = Files.size(part);
        assertThat(partial).isPositive();

        CliRunner.Outcome resumed = datadump(key, "pull", "--url", base, "--dir", dir.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out())
                .as("the partial file was continued with Range")
                .contains("1 resumed");
        onlyDump(dir);
        assertThat(datadump(null, "verify", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(Files.exists(part)).isFalse();
    }

    static Path partFile(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().endsWith(".part"))
                    .filter(p -> {
                        try {
                            return Files.size(p) > 0;
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .findFirst()
                    .orElse(null);
        }
    }

    @Test
    void verifyNamesACorruptedFile() throws Exception {
        Path dir = Files.createTempDirectory("backup-verify");
        assertThat(datadump(key, "pull", "--url", base, "--dir", dir.toString()).exitCode())
                .isZero();
        CliRunner.Outcome ok = datadump(null, "verify", "--dir", dir.toString());
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains(" ok");
        Path contacts = onlyDump(dir).resolve("contacts.json");
        Files.delete(contacts); // hard-linked files share their bytes: corrupt a copy of its own
        Files.writeString(contacts, "[\n{\"id\":1}\n]\n");
        CliRunner.Outcome bad = datadump(null, "verify", "--dir", dir.toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("contacts.json").contains("sha256");
        assertThat(Files.readString(dir.resolve(".verified.json"))).contains("\"ok\" : false");
    }

    @Test
    void historyFetchesEveryRetainedDumpAndLocalRetentionKeepsTheNewest() throws Exception {
        app.builtInCrm().update("UPDATE notes SET title = 'geändert' WHERE account_id = ?", account);
        app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        Path dir = Files.createTempDirectory("backup-history");
        assertThat(datadump(key, "pull", "--url", base, "--dir", dir.toString()).exitCode())
                .isZero(); // the newest first
        CliRunner.Outcome all = datadump(key, "pull", "--url", base, "--dir", dir.toString(), "--history");
        assertThat(all.exitCode()).as(all.err()).isZero();
        int retained = app.runs().published(account).size();
        assertThat(new LocalBackups(dir).complete()).hasSize(retained).hasSizeGreaterThan(1);
        assertThat(all.out()).doesNotContain(" 0.0 MB reused"); // unchanged tables were linked, not downloaded
        // the summary names what it downloaded (the older dumps), not the newest it held already
        long current = app.runs().current(account).orElseThrow().id();
        assertThat(all.out()).doesNotContain("-" + current + ":");
        assertThat(all.out())
                .contains(
                        retained == 2
                                ? "-"
                                        + app.runs().published(account).stream()
                                                .mapToLong(r -> r.id())
                                                .filter(id -> id != current)
                                                .findFirst()
                                                .orElseThrow()
                                        + ":"
                                : (retained - 1) + " dumps into " + dir);

        CliRunner.Outcome pruned = datadump(key, "pull", "--url", base, "--dir", dir.toString(), "--keep-daily", "1");
        assertThat(pruned.exitCode()).isZero();
        assertThat(new LocalBackups(dir).complete()).hasSize(1); // all dumps are of today: the newest stays
        assertThat(new LocalBackups(dir).complete().get(0).dumpId())
                .isEqualTo(app.runs().current(account).orElseThrow().id());
    }

    @Test
    void theRestoreRoundTripIsExactForEveryTable() throws Exception {
        Path dir = Files.createTempDirectory("backup-restore");
        assertThat(datadump(key, "pull", "--url", base, "--dir", dir.toString()).exitCode())
                .isZero();
        String url = restoreTarget(dir);
        Path dump = onlyDump(dir);
        CliRunner.Outcome restored = datadump(null, "restore", "--from", dump.toString(), "--into", url, "--check");
        assertThat(restored.exitCode()).as(restored.out() + restored.err()).isZero();
        assertThat(restored.out().lines().filter(l -> l.endsWith("identical to the file")))
                .hasSize(26);
        assertThat(restored.out()).contains("every row reads back exactly as in the backup");

        CliRunner.Outcome again = datadump(null, "restore", "--from", dump.toString(), "--into", url);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("already holds 26 tables").contains("--replace");
        assertThat(datadump(null, "restore", "--from", dump.toString(), "--into", url, "--replace")
                        .exitCode())
                .isZero();
    }

    @Test
    void restoreRefusesABackupWithAFlippedBitUnlessToldToRestoreItAsItIs() throws Exception {
        Path dir = Files.createTempDirectory("backup-bitflip");
        assertThat(datadump(key, "pull", "--url", base, "--dir", dir.toString()).exitCode())
                .isZero();
        Path contacts = onlyDump(dir).resolve("contacts.json");
        byte[] bytes = Files.readAllBytes(contacts);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("\"last_name\":\"") + 13;
        bytes[at] ^= 0x20; // one bit: a letter's case, so the file stays valid JSON that loads
        Files.delete(contacts); // hard-linked files share their bytes: damage a copy of its own
        Files.write(contacts, bytes);
        String url = restoreTarget(dir);

        CliRunner.Outcome refused =
                datadump(null, "restore", "--from", onlyDump(dir).toString(), "--into", url, "--check");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.out()).doesNotContain("every row reads back exactly");
        assertThat(refused.err())
                .contains("is damaged: contacts.json: sha256 does not match SHA256SUMS")
                .contains("--no-verify");

        CliRunner.Outcome asItIs =
                datadump(null, "restore", "--from", onlyDump(dir).toString(), "--into", url, "--check", "--no-verify");
        assertThat(asItIs.exitCode()).as(asItIs.err()).isZero();
    }

    @Test
    void restoreRefusesAManifestNamingAFileOutsideItsFolder() throws Exception {
        Path dir = Files.createTempDirectory("backup-traversal");
        assertThat(datadump(key, "pull", "--url", base, "--dir", dir.toString()).exitCode())
                .isZero();
        Path dump = onlyDump(dir);
        Files.writeString(dir.resolve("outside.json"), "[\n{\"id\":1}\n]\n");
        Files.writeString(dir.resolve("outside.schema.json"), "{\"properties\":{\"id\":{\"type\":\"integer\"}}}");
        Path manifest = dump.resolve("manifest.json");
        Files.writeString(
                manifest, Files.readString(manifest).replace("\"name\" : \"contacts\"", "\"name\" : \"../outside\""));
        String url = restoreTarget(dir);
        CliRunner.Outcome verified = datadump(null, "restore", "--from", dump.toString(), "--into", url);
        assertThat(verified.exitCode()).isNotZero();
        assertThat(verified.err()).contains("is damaged: manifest.json: sha256 does not match SHA256SUMS");
        CliRunner.Outcome unverified =
                datadump(null, "restore", "--from", dump.toString(), "--into", url, "--no-verify");
        assertThat(unverified.exitCode()).isNotZero();
        assertThat(unverified.err()).contains("names a table \"../outside\", which is no table name");
        assertThat(unverified.out()).doesNotContain("restored");
    }

    /** A JDBC URL of a fresh, empty database to restore into. */
    static String restoreTarget(Path dir) {
        Map<String, String> db = TestDatabases.env(dir, TestDatabases.createDatabase());
        return db.get("DATADUMP_DB_URL") + "?user=" + db.get("DATADUMP_DB_USER")
                + (db.containsKey("DATADUMP_DB_PASSWORD") ? "&password=" + db.get("DATADUMP_DB_PASSWORD") : "");
    }

    @Test
    void restoreIntoAThrowAwayEmbeddedPostgres() throws Exception {
        Path dir = Files.createTempDirectory("backup-embedded");
        assertThat(datadump(key, "pull", "--url", base, "--dir", dir.toString()).exitCode())
                .isZero();
        ProcessBuilder pb =
                Datadump.command("restore", "--from", onlyDump(dir).toString(), "--into", "embedded", "--check");
        pb.environment().put("DATADUMP_HOME", dir.resolve("home").toString());
        Process p = pb.redirectErrorStream(true).start();
        p.getOutputStream().close(); // no terminal: it stops after printing how to connect
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("every row reads back exactly").contains("connect with: psql -h localhost -p ");
    }

    @Test
    void aWrongKeyADisabledAccountAndAnUnreachableServerEachSayWhatToDo() throws Exception {
        Path dir = Files.createTempDirectory("backup-errors");
        CliRunner.Outcome wrong = datadump("dd_wrong", "pull", "--url", base, "--dir", dir.toString());
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.err().strip())
                .startsWith("error: the server refused the API key")
                .doesNotContain("\n");
        CliRunner.Outcome disabled = datadump(freeKey, "pull", "--url", base, "--dir", dir.toString());
        assertThat(disabled.exitCode()).isNotZero();
        assertThat(disabled.err()).contains("not enabled for this account");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRunner.Outcome unreachable =
                datadump(key, "pull", "--url", "http://127.0.0.1:" + closed, "--dir", dir.toString());
        assertThat(unreachable.exitCode()).isNotZero();
        assertThat(unreachable.err()).contains("cannot reach 127.0.0.1").contains("check the URL");
        CliRunner.Outcome noKey = datadump(null, "pull", "--url", base, "--dir", dir.toString());
        assertThat(noKey.err()).contains("set DATADUMP_API_KEY or pass --key-file");
    }

    @Test
    void aPullFollowsPresignedS3LinksAlike() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start("backups");
                App s3App = TestDatabases.freshApp(s3.env("backups", "dumps"))) {
            long acc = s3App.accounts().create("S3 Backup GmbH", true).id();
            s3App.generator().generate(acc, GenerationPlan.forScale(1), 9, DemoDataGenerator.Progress.NONE);
            s3App.engine().dump(acc, RunTrigger.CLI, DumpEvents.NONE);
            String s3Key = s3App.apiKeys().create(acc, "s3").secret();
            String s3Base = "http://127.0.0.1:" + s3App.startApi("127.0.0.1", 0);
            Path dir = Files.createTempDirectory("backup-s3");
            CliRunner.Outcome pulled = datadump(s3Key, "pull", "--url", s3Base, "--dir", dir.toString());
            assertThat(pulled.exitCode()).as(pulled.err()).isZero();
            assertThat(datadump(null, "verify", "--dir", dir.toString()).exitCode())
                    .isZero();
            assertThat(LocalBackups.sums(onlyDump(dir))).hasSize(26 + 26 + 1);
        }
    }
}
