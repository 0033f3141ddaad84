package io.datadump.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.db.Jdbc;
import io.datadump.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every stored dump of an account back through storage, as {@code restic check --read-data} does: every table
 * file of every dump that is kept (or still serves links) must be there with its manifest's size and sha256, the
 * stored manifest must be the database's, {@code current.json} must name the current dump, and no dump directory may
 * be there that no run needs. Finds what a lost disk, a bad copy or a bug left behind; changes nothing.
 */
public final class StorageCheck {
    /** One thing wrong, in a sentence an operator can act on. */
    public record Problem(long accountId, Long dumpId, String what) {
        @Override
        public String toString() {
            return "account " + accountId + (dumpId == null ? "" : ", dump " + dumpId) + ": " + what;
        }
    }

    /** What was read and what was wrong. */
    public record Report(int dumps, int files, long bytes, List<Problem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        Report plus(Report other) {
            List<Problem> all = new ArrayList<>(problems);
            all.addAll(other.problems);
            return new Report(dumps + other.dumps, files + other.files, bytes + other.bytes, all);
        }

        static final Report EMPTY = new Report(0, 0, 0, List.of());
    }

    private static final Logger log = LoggerFactory.getLogger(StorageCheck.class);

    private final DumpRuns runs;
    private final Storage storage;
    private final ObjectMapper json;
    private final Jdbc service;

    public StorageCheck(DumpRuns runs, Storage storage, ObjectMapper json, Jdbc service) {
        this.runs = runs;
        this.storage = storage;
        this.json = json;
        this.service = service;
    }

    /**
     * Checks every account and records the result in the service database (storage_checks), where the metrics read
     * the newest: what the scheduler runs every day.
     */
    public Report checkAllAndRecord() {
        Report report = checkAll();
        service.update(
                "INSERT INTO storage_checks (dumps, files, bytes, problems, first_problem) VALUES (?, ?, ?, ?, ?)",
                report.dumps(),
                report.files(),
                report.bytes(),
                report.problems().size(),
                report.ok() ? null : report.problems().get(0).toString());
        service.update("DELETE FROM storage_checks WHERE at < now() - interval '400 days'");
        if (report.ok()) {
            log.info(
                    "storage check: {} dumps, {} files, {} bytes read back, no problems",
                    report.dumps(),
                    report.files(),
                    report.bytes());
        } else {
            report.problems().forEach(p -> log.warn("storage check: {}", p));
        }
        return report;
    }

    /** Checks every account that has dumps. */
    public Report checkAll() {
        Report report = Report.EMPTY;
        for (long account : runs.accountsWithDumps()) report = report.plus(check(account));
        return report;
    }

    public Report check(long accountId) {
        List<Problem> problems = new ArrayList<>();
        int dumps = 0, files = 0;
        long bytes = 0;
        List<DumpRun> withFiles = runs.withFiles(accountId);
        for (DumpRun run : withFiles) {
            if (run.status() != RunStatus.PUBLISHED && run.status() != RunStatus.EXPIRING) continue;
            dumps++;
            Manifest manifest = run.manifest().orElseThrow();
            checkStoredManifest(run, manifest, problems);
            for (TableFile file : manifest.tables()) {
                files++;
                bytes += checkFile(run, file, problems);
            }
        }
        checkPointer(accountId, problems);
        checkDirectories(accountId, withFiles, problems);
        return new Report(dumps, files, bytes, List.copyOf(problems));
    }

    private long checkFile(DumpRun run, TableFile file, List<Problem> problems) {
        String key = DumpFileKey.tableFile(run, file);
        try (InputStream in = storage.open(key, 0, -1)) {
            DigestingOutputStream read = new DigestingOutputStream(OutputStream.nullOutputStream());
            in.transferTo(read);
            long size = read.count();
            String hex = read.sha256Hex();
            if (size != file.bytes() || !hex.equals(file.sha256())) {
                problems.add(new Problem(
                        run.accountId(),
                        run.id(),
                        file.file() + " does not match its manifest: " + size + " bytes with sha256 " + hex
                                + ", the manifest says " + file.bytes() + " bytes with sha256 " + file.sha256()));
            }
            return size;
        } catch (NoSuchFileException e) {
            problems.add(
                    new Problem(run.accountId(), run.id(), file.file() + " is missing from storage (" + key + ")"));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(run.accountId(), run.id(), file.file() + " could not be read: " + e));
        }
        return 0;
    }

    private void checkStoredManifest(DumpRun run, Manifest manifest, List<Problem> problems) {
        Optional<JsonNode> stored = readJson(DumpFileKey.manifest(run.storagePrefix()), run, problems, "manifest.json");
        if (stored.isEmpty()) return;
        Set<String> inDatabase =
                manifest.tables().stream().map(t -> t.file() + "=" + t.sha256()).collect(Collectors.toSet());
        Set<String> inStorage = new HashSet<>();
        stored.get()
                .path("tables")
                .forEach(t -> inStorage.add(
                        t.path("file").asText() + "=" + t.path("sha256").asText()));
        if (stored.get().path("dump_id").asLong() != run.id() || !inDatabase.equals(inStorage)) {
            problems.add(new Problem(
                    run.accountId(), run.id(), "manifest.json in storage is not the manifest the database holds"));
        }
    }

    private void checkPointer(long accountId, List<Problem> problems) {
        Optional<DumpRun> current = runs.current(accountId);
        if (current.isEmpty()) return;
        Optional<JsonNode> pointer =
                readJson(DumpFileKey.currentPointer(accountId), current.get(), problems, "current.json");
        if (pointer.isEmpty()) return;
        long named = pointer.get().path("manifest").path("dump_id").asLong();
        if (named != current.get().id()) {
            problems.add(new Problem(
                    accountId,
                    current.get().id(),
                    "current.json names dump " + named + ", but the current dump is "
                            + current.get().id()));
        }
    }

    /** Every dump directory must belong to a run that needs it (kept, expiring or running). */
    private void checkDirectories(long accountId, List<DumpRun> withFiles, List<Problem> problems) {
        Set<String> needed = withFiles.stream()
                .filter(r -> r.status() != RunStatus.FAILED)
                .map(DumpRun::storagePrefix)
                .collect(Collectors.toSet());
        try {
            for (String name : storage.listDirectories(DumpFileKey.dumpsPrefix(accountId))) {
                String directory = DumpFileKey.dumpDirectory(accountId, name);
                if (!needed.contains(directory)) {
                    problems.add(new Problem(
                            accountId,
                            null,
                            "orphaned directory " + directory + ": no retained dump or running run uses it"));
                }
            }
        } catch (IOException e) {
            problems.add(new Problem(accountId, null, "could not list its dumps in storage: " + e.getMessage()));
        }
    }

    private Optional<JsonNode> readJson(String key, DumpRun run, List<Problem> problems, String what) {
        try (InputStream in = storage.open(key, 0, -1)) {
            return Optional.of(json.readTree(in));
        } catch (NoSuchFileException e) {
            problems.add(new Problem(run.accountId(), run.id(), what + " is missing from storage (" + key + ")"));
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(run.accountId(), run.id(), what + " could not be read: " + e));
        }
        return Optional.empty();
    }
}
