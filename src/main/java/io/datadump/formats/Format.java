package io.datadump.formats;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The representations of a table: the dump's own JSON array, NDJSON (one row per line), RFC 4180 CSV, CSV for German
 * Excel (UTF-8 BOM, semicolons, decimal comma, CRLF, date-times and booleans as German Excel reads them), Parquet (typed
 * columns) and an Excel workbook (typed cells).
 */
public enum Format {
    JSON("json", "application/json; charset=utf-8", "json"),
    NDJSON("ndjson", "application/x-ndjson; charset=utf-8", "ndjson"),
    CSV("csv", "text/csv; charset=utf-8; header=present", "csv"),
    CSV_EXCEL("csv-excel", "text/csv; charset=utf-8; header=present", "excel.csv"),
    PARQUET("parquet", "application/vnd.apache.parquet", "parquet"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    /** Excel's sheet holds 1,048,576 rows, one of them the header. */
    public static final long XLSX_MAX_ROWS = 1_048_575;

    private final String key;
    private final String contentType;
    private final String extension;

    Format(String key, String contentType, String extension) {
        this.key = key;
        this.contentType = contentType;
        this.extension = extension;
    }

    public String key() {
        return key;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** Whether a table of {@code rows} rows fits this format: an Excel sheet holds {@link #XLSX_MAX_ROWS}. */
    public boolean holds(long rows) {
        return this != XLSX || rows <= XLSX_MAX_ROWS;
    }

    /** Whether the format writes each value by its column's type (and so needs the table's column types). */
    public boolean typed() {
        return this == CSV_EXCEL || this == PARQUET || this == XLSX;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Format::key).toList();
    }

    public static Optional<Format> parse(String key) {
        return Arrays.stream(values())
                .filter(f -> f.key.equals(key.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /**
     * The format an Accept header asks for, if it names one of ours before any other: application/json,
     * application/x-ndjson (or application/ndjson), text/csv, and the Parquet and xlsx media types. Anything else, and *&#47;*, leaves the choice to the
     * format parameter or the default, JSON.
     */
    public static Optional<Format> fromAccept(String accept) {
        if (accept == null) return Optional.empty();
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
            switch (type) {
                case "application/json":
                    return Optional.of(JSON);
                case "application/x-ndjson", "application/ndjson", "application/jsonl":
                    return Optional.of(NDJSON);
                case "text/csv":
                    return Optional.of(CSV);
                case "application/vnd.apache.parquet":
                    return Optional.of(PARQUET);
                case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                    return Optional.of(XLSX);
                default:
                // keep looking
            }
        }
        return Optional.empty();
    }
}
