package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.storage.FileStorage;
import io.datadump.storage.Storage;
import io.datadump.support.FailingStorage;
import io.datadump.support.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A table whose stored bytes equal the previous dump's file shares that file (a hard link), and retention deleting the
 * previous dump never takes bytes a retained dump still names.
 */
class SharedStorageTest {
    /** File storage that also records which files it made share, and whether they are then one file. */
    static final class Recording implements Storage {
        final FileStorage files;
        final List<String> shared = new ArrayList<>();

        Recording(FileStorage files) {
            this.files = files;
        }

        @Override
        public boolean shareIdentical(String existingKey, String duplicateKey) throws IOException {
            boolean done = files.shareIdentical(existingKey, duplicateKey);
            if (done) {
                assertThat(Files.isSameFile(
                                files.root().resolve(existingKey), files.root().resolve(duplicateKey)))
                        .isTrue();
                shared.add(duplicateKey.substring(duplicateKey.lastIndexOf('/') + 1));
            }
            return done;
        }

        @Override
        public ObjectSink create(String key) throws IOException {
            return files.create(key);
        }

        @Override
        public Optional<ObjectInfo> stat(String key) throws IOException {
            return files.stat(key);
        }

        @Override
        public InputStream open(String key, long offset, long length) throws IOException {
            return files.open(key, offset, length);
        }

        @Override
        public void deletePrefix(String prefix) throws IOException {
            files.deletePrefix(prefix);
        }

        @Override
        public List<String> listDirectories(String prefix) throws IOException {
            return files.listDirectories(prefix);
        }

        @Override
        public String describe() {
            return "recording " + files.describe();
        }
    }

    @Test
    void unchangedTablesShareTheirFileAndSurviveThePreviousDumpsPruning() throws Exception {
        try (App app = TestDatabases.freshApp()) {
            long account = app.accounts().create("Teilen GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 8, DemoDataGenerator.Progress.NONE);
            Recording storage = new Recording((FileStorage) app.storage());
            DumpEngine engine =
                    app.newEngine(app.catalog(), storage, app.config().dump());
            DumpRun first =
                    engine.dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            app.builtInCrm().update("UPDATE notes SET title = 'geändert' WHERE account_id = ?", account);
            DumpResult second = engine.dump(account, RunTrigger.CLI, DumpEvents.NONE);

            assertThat(storage.shared).hasSize(25).doesNotContain("notes.json");
            Path root = storage.files.root();
            assertThat(Files.isSameFile(
                            root.resolve(first.storagePrefix() + "contacts.json"),
                            root.resolve(second.run().storagePrefix() + "contacts.json")))
                    .isTrue();
            assertThat(Files.isSameFile(
                            root.resolve(first.storagePrefix() + "notes.json"),
                            root.resolve(second.run().storagePrefix() + "notes.json")))
                    .isFalse();
            // retention deletes a dump by its directory: the bytes the retained dump shares stay
            storage.deletePrefix(first.storagePrefix());
            assertThat(Files.exists(root.resolve(first.storagePrefix()))).isFalse();
            for (TableFile f : second.manifest().tables()) {
                Path file = root.resolve(second.run().storagePrefix() + f.file());
                assertThat(sha256(file)).as(f.name()).isEqualTo(f.sha256());
                assertThat(Files.size(file)).isEqualTo(f.bytes());
            }
        }
    }

    @Test
    void changedTablesAreStoredAsDeltasOfThePreviousDumpAndReadBackExactly() throws Exception {
        try (App app = TestDatabases.freshApp(java.util.Map.of("DATADUMP_FILE_DELTA_MIN_KB", "0"))) {
            long account = app.accounts().create("Delta GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 8, DemoDataGenerator.Progress.NONE);
            FileStorage files = (FileStorage) app.storage();
            DumpRun first =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            app.builtInCrm()
                    .update(
                            "UPDATE contacts SET first_name = 'Geändert' WHERE account_id = ? AND id IN"
                                    + " (SELECT id FROM contacts WHERE account_id = ? ORDER BY id LIMIT 3)",
                            account,
                            account);
            DumpResult second = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            String prefix = second.run().storagePrefix();
            Path root = files.root();
            TableFile contacts = second.manifest().table("contacts").orElseThrow();
            assertThat(contacts.changes().changed()).isEqualTo(3);
            assertThat(Files.exists(root.resolve(prefix + "contacts.json"))).isFalse();
            assertThat(Files.exists(root.resolve(prefix + "contacts.json.segments")))
                    .isTrue();
            // unchanged tables are the previous dump's files again
            assertThat(Files.isSameFile(
                            root.resolve(first.storagePrefix() + "notes.json"), root.resolve(prefix + "notes.json")))
                    .isTrue();
            long total = second.manifest().tables().stream()
                    .mapToLong(TableFile::bytes)
                    .sum();
            assertThat(bytesOnlyIn(root.resolve(prefix), root.resolve(first.storagePrefix())))
                    .as("new bytes of the second dump, of %d", total)
                    .isLessThan(contacts.bytes() / 10 + 16_384);

            // a disk that fills up halfway through the next delta: the dump fails, and leaves nothing behind
            app.builtInCrm().update("UPDATE contacts SET first_name = 'Nochmal' WHERE account_id = ?", account);
            DumpEngine failing = app.newEngine(
                    app.catalog(),
                    new FailingStorage(app.storage(), "contacts.json", 200_000),
                    app.config().dump());
            assertThatThrownBy(() -> failing.dump(account, RunTrigger.CLI, DumpEvents.NONE))
                    .isInstanceOf(DumpException.class);
            assertThat(app.runs().current(account).orElseThrow().id())
                    .isEqualTo(second.run().id());
            try (var dumps = Files.list(root.resolve(DumpFileKey.accountPrefix(account) + "dumps"))) {
                assertThat(dumps).hasSize(2);
            }

            app.storage().deletePrefix(first.storagePrefix()); // retention of the base
            for (TableFile f : second.manifest().tables()) {
                try (InputStream in = app.storage().open(prefix + f.file(), 0, -1)) {
                    assertThat(sha256(in)).as(f.name()).isEqualTo(f.sha256());
                }
                assertThat(app.storage().stat(prefix + f.file()).orElseThrow().size())
                        .isEqualTo(f.bytes());
            }
        }
    }

    /** Bytes of the files under {@code dir} that are not also (hard-linked) under {@code other}. */
    private static long bytesOnlyIn(Path dir, Path other) throws IOException {
        java.util.Set<Object> theirs = new java.util.HashSet<>();
        try (var paths = Files.walk(other)) {
            for (Path p : paths.filter(Files::isRegularFile).toList())
                theirs.add(Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class)
                        .fileKey());
        }
        long total = 0;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class);
                if (theirs.add(a.fileKey())) total += a.size();
            }
        }
        return total;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) d.update(buffer, 0, n);
        return HexFormat.of().formatHex(d.digest());
    }

    @Test
    void storageThatCannotShareKeepsBothCopies() throws Exception {
        Path root = Files.createTempDirectory("no-links");
        FileStorage files = new FileStorage(root);
        try (Storage.ObjectSink a = files.create("a/x.json")) {
            a.write("[\n]\n".getBytes());
            a.commit();
        }
        assertThat(files.shareIdentical("a/x.json", "b/missing.json")).isFalse();
        try (Storage.ObjectSink b = files.create("b/x.json")) {
            b.write("[\n]\n".getBytes());
            b.commit();
        }
        assertThat(files.shareIdentical("a/x.json", "b/x.json")).isTrue();
        files.deletePrefix("a/");
        assertThat(Files.readString(root.resolve("b/x.json"))).isEqualTo("[\n]\n");
        try (var listing = Files.list(root.resolve("b"))) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("x.json");
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        d.update(Files.readAllBytes(file));
        return HexFormat.of().formatHex(d.digest());
    }
}
