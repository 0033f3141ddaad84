package io.datadump.delivery;

import io.datadump.formats.Format;
import java.time.LocalDate;

/**
 * Where delivered files go under a destination's prefix or directory, the one owner of that layout (documented in the
 * README, stable across versions):
 *
 * <pre>
 * &lt;table&gt;/&lt;YYYY-MM-DD&gt;/&lt;table&gt;.&lt;ext&gt;[.gz]        the day's dump of the table
 * _runs/&lt;YYYY-MM-DD&gt;-&lt;dump id&gt;/manifest.json   every file of that dump, with its rows, bytes and SHA-256
 * _runs/&lt;YYYY-MM-DD&gt;-&lt;dump id&gt;/_SUCCESS        written last: a reader that waits for it never sees half a dump
 * </pre>
 *
 * The date is the snapshot's in the account's time zone.
 */
final class DeliveryLayout {
    static final String RUNS = "_runs";
    static final String MANIFEST = "manifest.json";
    static final String SUCCESS = "_SUCCESS";

    private DeliveryLayout() {}

    /** Parquet and xlsx are compressed inside already: they are never gzipped again. */
    static boolean gzipped(Format format, boolean gzip) {
        return gzip && format != Format.PARQUET && format != Format.XLSX;
    }

    static String tableFile(String table, LocalDate date, Format format, boolean gzip) {
        return table + "/" + date + "/" + table + "." + format.extension() + (gzipped(format, gzip) ? ".gz" : "");
    }

    static String runDirectory(LocalDate date, long dumpId) {
        return RUNS + "/" + date + "-" + dumpId;
    }

    /** The date of a day folder or a run folder's name; empty for names this layout did not make. */
    static java.util.Optional<LocalDate> dateOf(String folder) {
        if (folder.length() < 10) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(LocalDate.parse(folder.substring(0, 10)));
        } catch (java.time.format.DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }
}
