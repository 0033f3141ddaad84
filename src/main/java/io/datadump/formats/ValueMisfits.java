package io.datadump.formats;

/**
 * Values a typed format could not hold as they are, counted for the conversion's log line (the JSON, NDJSON and CSV
 * keep them exactly): a value that does not fit its column's type is written as null (only a custom field can have
 * one: its values are whatever the tenant's CRM stored, whatever the field's declared type; built-in columns are typed
 * by PostgreSQL itself), and a text longer than an Excel cell holds is cut.
 */
final class ValueMisfits {
    private long count;
    private String first;
    private long cut;

    void cut() {
        cut++;
    }

    boolean any() {
        return count > 0 || cut > 0;
    }

    void add(String column, String text) {
        if (count++ == 0) first = column + " = " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }

    /**
     * e.g. "2 values did not fit their column's type and were written as null (the first: price = abc); 1 text was cut
     * to Excel's 32,767 characters".
     */
    String describe() {
        String nulls = count == 0
                ? ""
                : count + (count == 1 ? " value" : " values") + " did not fit their column's type and "
                        + (count == 1 ? "was" : "were") + " written as null (the first: " + first + ")";
        String cuts =
                cut == 0 ? "" : cut + (cut == 1 ? " text was" : " texts were") + " cut to Excel's 32,767 characters";
        return nulls.isEmpty() ? cuts : cuts.isEmpty() ? nulls : nulls + "; " + cuts;
    }
}
