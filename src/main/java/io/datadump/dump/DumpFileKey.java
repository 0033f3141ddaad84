package io.datadump.dump;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a dump's files live in storage, built and parsed in one place:
 * {@code accounts/<account>/dumps/<yyyyMMddTHHmmssZ>-<run>/<table>.json[.gz]}, and converted representations under
 * {@code formats/<table>-<variant>.<extension>} in the same directory. The file endpoint serves only keys that parse,
 * so nothing outside an account's dump directories can ever be named by a link.
 */
public record DumpFileKey(long accountId, long runId, String table, boolean converted) {
    private static final DateTimeFormatter DIR_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern KEY =
            Pattern.compile("accounts/(\\d{1,18})/dumps/[0-9]{8}T[0-9]{6}Z-(\\d{1,18})/(formats/)?([a-z_]{1,64})"
                    + "(?:-[a-z0-9]{1,16})?\\.(?:json|json\\.gz|ndjson|csv|excel\\.csv|parquet|xlsx)");

    /** accounts/&lt;id&gt;/: everything of one account. */
    public static String accountPrefix(long accountId) {
        return "accounts/" + accountId + "/";
    }

    /** accounts/&lt;id&gt;/current.json: a copy of the current manifest, for restores from storage alone. */
    public static String currentPointer(long accountId) {
        return accountPrefix(accountId) + "current.json";
    }

    /** accounts/&lt;id&gt;/dumps/: the directories of an account's dumps. */
    public static String dumpsPrefix(long accountId) {
        return accountPrefix(accountId) + "dumps/";
    }

    /** The directory of one run, named by its start time (sorts by time in listings) and id. */
    public static String dumpPrefix(long accountId, long runId, Instant startedAt) {
        return dumpsPrefix(accountId) + DIR_TIME.format(startedAt) + "-" + runId + "/";
    }

    /** A dump directory of the account by its name, as storage lists it under {@link #dumpsPrefix}. */
    public static String dumpDirectory(long accountId, String name) {
        return dumpsPrefix(accountId) + name + "/";
    }

    /** A dump's manifest.json. */
    public static String manifest(String dumpPrefix) {
        return dumpPrefix + "manifest.json";
    }

    /** A file of a dump (a table's file as its manifest names it). */
    public static String tableFile(String dumpPrefix, String file) {
        return dumpPrefix + file;
    }

    /** A table's stored file in a published dump. */
    public static String tableFile(DumpRun run, TableFile file) {
        return tableFile(run.storagePrefix(), file.file());
    }

    /**
     * A converted representation of a table of a dump: {@code formats/<table>-<variant>.<extension>}, the variant
     * naming its columns (see the file endpoint's pattern above).
     */
    public static String converted(DumpRun run, String table, String variant, String extension) {
        return run.storagePrefix() + "formats/" + table + "-" + variant + "." + extension;
    }

    /** A table's file name inside its dump directory. */
    public static String fileName(String table, boolean gzip) {
        return table + ".json" + (gzip ? ".gz" : "");
    }

    /** The key of a dump file, if this is one. */
    public static Optional<DumpFileKey> parse(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new DumpFileKey(
                Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(4), m.group(3) != null));
    }
}
