package io.datadump.backup;

import io.datadump.wire.ApiBodies;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one gate between names a server or a backup folder supplies and the file system: a table name must be one the
 * API can have ({@link ApiBodies#TABLE_NAME}), a file name a plain name of a dump folder's files, and the path it
 * makes must be a file directly inside its folder. A name like {@code ../../x} or {@code /etc/x} never becomes a path.
 */
final class BackupNames {
    /** The files of a dump folder: table files (JSON and the formats pulled beside), schemas, manifest and checksums. */
    private static final Pattern FILE_NAME =
            Pattern.compile("[a-z][a-z0-9_]{0,62}(\\.json|\\.json\\.gz|\\.schema\\.json"
                    + "|\\.ndjson|\\.csv|\\.excel\\.csv|\\.parquet|\\.xlsx)|manifest\\.json|SHA256SUMS");

    /** The formats {@code pull --format} fetches beside the JSON, with their files' extensions. */
    static final Map<String, String> EXTRA_FORMATS =
            Map.of("parquet", "parquet", "xlsx", "xlsx", "csv", "csv", "csv-excel", "excel.csv", "ndjson", "ndjson");

    private BackupNames() {}

    /** {@code name} if it is a table name, else a refusal naming {@code source} (the server, a manifest). */
    static String table(String name, String source) {
        if (name == null || !ApiBodies.TABLE_NAME.matcher(name).matches()) {
            throw new BackupException(source + " names a table " + quoted(name)
                    + ", which is no table name (a-z, 0-9 and _); refusing to use it as a file name");
        }
        return name;
    }

    /** A dump id from {@code source}: positive. */
    static long dumpId(long id, String source) {
        if (id <= 0) throw new BackupException(source + " names a dump " + id + ", which is no dump id");
        return id;
    }

    /** The file {@code name} directly inside {@code dir}, if {@code name} is one of a dump folder's file names. */
    static Path file(Path dir, String name, String source) {
        if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new BackupException(source + " names a file " + quoted(name)
                    + ", which is not a file of a pulled dump; refusing to use it");
        }
        Path file = dir.resolve(name).normalize();
        // cannot happen with FILE_NAME; kept as the last word should that pattern ever be widened
        if (!dir.normalize().equals(file.getParent())) {
            throw new BackupException(source + " names a file outside its folder: " + quoted(name));
        }
        return file;
    }

    private static String quoted(String name) {
        if (name == null) return "(none)";
        String shown = name.length() > 80 ? name.substring(0, 80) + "…" : name;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
