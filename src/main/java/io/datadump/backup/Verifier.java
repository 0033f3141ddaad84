package io.datadump.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.dump.RowScanner;
import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Proves a backup directory: for every complete dump, each file's sha256 against SHA256SUMS, each table's row count
 * by reading it, and the manifest against the files (every table it lists is there, with its checksum). Records when
 * each dump was last verified, and with what result, in {@code .verified.json}.
 */
public final class Verifier {
    static final String RECORD = ".verified.json";

    /** One dump's result; {@code problems} names each bad file and what is wrong with it. */
    public record Result(String dump, int files, long rows, long bytes, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private final LocalBackups local;
    private final ObjectMapper json;
    private final Clock clock;

    public Verifier(Path dir, ObjectMapper json, Clock clock) {
        this.local = new LocalBackups(dir);
        this.json = json;
        this.clock = clock;
    }

    public List<Result> verify() throws IOException {
        List<Result> results = new ArrayList<>();
        for (LocalBackups.LocalDump d : local.complete()) results.add(verify(d.dir()));
        record(results);
        return results;
    }

    /** One dump folder's result, not recorded: what {@code restore} checks first. */
    Result verify(Path dir) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, String> sums;
        ApiBodies.DumpIndex manifest;
        try {
            sums = LocalBackups.sums(dir);
            manifest = LocalBackups.manifest(dir, json);
        } catch (BackupException e) {
            return new Result(dir.getFileName().toString(), 0, 0, 0, List.of(e.getMessage()));
        }
        long bytes = 0;
        for (var e : sums.entrySet()) {
            Path file = dir.resolve(e.getKey()); // a plain file name: LocalBackups.sums checked it
            if (!Files.isRegularFile(file)) {
                problems.add(e.getKey() + ": missing");
                continue;
            }
            bytes += Files.size(file);
            if (!LocalBackups.sha256(file).equals(e.getValue()))
                problems.add(e.getKey() + ": sha256 does not match SHA256SUMS");
        }
        long rows = 0;
        for (ApiBodies.IndexedTable t : manifest.tables()) {
            String table;
            try {
                table = BackupNames.table(t.name(), LocalBackups.MANIFEST);
            } catch (BackupException bad) {
                problems.add(bad.getMessage());
                continue;
            }
            String file = sums.containsKey(table + ".json.gz") ? table + ".json.gz" : table + ".json";
            if (!sums.containsKey(file)) {
                problems.add(table + ": listed in the manifest but not in SHA256SUMS");
                continue;
            }
            String expected = file.endsWith(".gz") ? t.sha256() : t.jsonSha256();
            if (!expected.equals(sums.get(file)))
                problems.add(file + ": the manifest's sha256 differs from SHA256SUMS");
            if (!Files.isRegularFile(dir.resolve(file))) continue;
            try {
                long counted = countRows(dir.resolve(file));
                rows += counted;
                if (counted != t.rows()) problems.add(file + ": " + counted + " rows, the manifest says " + t.rows());
            } catch (IOException e) {
                problems.add(file + ": unreadable (" + e.getMessage() + ")");
            }
        }
        return new Result(dir.getFileName().toString(), sums.size(), rows, bytes, problems);
    }

    static long countRows(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        long rows = 0;
        try (RowScanner scanner = new RowScanner(in)) {
            while (scanner.next() != null) rows++;
        }
        return rows;
    }

    private void record(List<Result> results) throws IOException {
        Path file = local.root().resolve(RECORD);
        ObjectNode record = Files.exists(file) ? (ObjectNode) json.readTree(file.toFile()) : json.createObjectNode();
        String now = Instant.now(clock).toString();
        for (Result r : results) {
            ObjectNode entry = record.putObject(r.dump());
            entry.put("verified_at", now);
            entry.put("ok", r.ok());
            if (!r.ok()) entry.set("problems", json.valueToTree(r.problems()));
        }
        Path tmp = local.root().resolve(RECORD + ".tmp");
        Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
