package io.datadump.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A backup directory: one folder per dump, {@code <date>-<dump id>}, complete only when its {@code manifest.json} and
 * {@code SHA256SUMS} exist (they are written last, and the folder gets its name only then: until then it is a hidden
 * {@code .partial-<dump id>} folder). {@code SHA256SUMS} is in GNU format, so {@code sha256sum -c SHA256SUMS} and
 * {@code rclone checksum sha256} check it too.
 */
final class LocalBackups {
    static final String MANIFEST = "manifest.json", SUMS = "SHA256SUMS";
    private static final Pattern FOLDER = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})-(\\d+)");

    /** One complete local dump. */
    record LocalDump(Path dir, LocalDate date, long dumpId) {}

    private final Path root;

    LocalBackups(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** The complete dumps, oldest first. */
    List<LocalDump> complete() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .map(d -> {
                        Matcher m = FOLDER.matcher(d.getFileName().toString());
                        if (!m.matches()
                                || !Files.isRegularFile(d.resolve(MANIFEST))
                                || !Files.isRegularFile(d.resolve(SUMS))) {
                            return null;
                        }
                        return new LocalDump(d, LocalDate.parse(m.group(1)), Long.parseLong(m.group(2)));
                    })
                    .filter(d -> d != null)
                    .sorted(Comparator.comparingLong(LocalDump::dumpId))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<LocalDump> find(long dumpId) {
        return complete().stream().filter(d -> d.dumpId() == dumpId).findFirst();
    }

    Path folder(LocalDate date, long dumpId) {
        return root.resolve(date + "-" + dumpId);
    }

    Path partial(long dumpId) {
        return root.resolve(".partial-" + dumpId);
    }

    /** Every file held in complete dumps, by its sha256: where an identical file can be linked from. */
    Map<String, Path> filesBySha() {
        Map<String, Path> out = new LinkedHashMap<>();
        for (LocalDump d : complete()) {
            try {
                sums(d.dir())
                        .forEach((file, sha) -> out.putIfAbsent(sha, d.dir().resolve(file)));
            } catch (BackupException damaged) {
                // nothing is linked from a damaged folder; verify names it
            }
        }
        return out;
    }

    /** The file names and sha256 of a dump folder's SHA256SUMS, in its order; a name no dump has is refused. */
    static Map<String, String> sums(Path dir) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(SUMS), StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                // GNU format: "<hex>  <name>" (two spaces: text mode; " *" binary mode)
                String name = line.substring(66).strip();
                BackupNames.file(dir, name, dir.resolve(SUMS).toString());
                out.put(name, line.substring(0, 64));
            }
        } catch (IOException | StringIndexOutOfBoundsException e) {
            throw new BackupException(dir.resolve(SUMS) + " is unreadable; pull that dump again");
        }
        return out;
    }

    /**
     * A dump folder's manifest: the server's index as pulled. Its table names are the callers' to check with {@link
     * BackupNames#table} (verify lists a bad one among its problems, restore refuses it).
     */
    static ApiBodies.DumpIndex manifest(Path dir, ObjectMapper json) {
        ApiBodies.DumpIndex manifest;
        try {
            manifest = json.readValue(dir.resolve(MANIFEST).toFile(), ApiBodies.DumpIndex.class);
        } catch (IOException e) {
            throw new BackupException(
                    dir.resolve(MANIFEST) + " is unreadable (" + e.getMessage() + "); pull that dump again");
        }
        if (manifest == null || manifest.tables() == null)
            throw new BackupException(dir.resolve(MANIFEST) + " lists no tables; pull that dump again");
        return manifest;
    }

    /** Writes SHA256SUMS for every file of a folder (hashing those not given), in name order. */
    static void writeSums(Path dir, Map<String, String> known) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(SUMS) && !n.startsWith("."))
                    .sorted()
                    .forEach(names::add);
        }
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            String sha = known.containsKey(name) ? known.get(name) : sha256(dir.resolve(name));
            text.append(sha).append("  ").append(name).append('\n');
        }
        Path tmp = dir.resolve("." + SUMS + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(SUMS));
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) > 0) {
                // digesting
            }
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
