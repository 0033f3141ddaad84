package io.datadump.formats;

import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a table's rows as an Excel workbook with fastexcel, streaming (rows are flushed every {@link #FLUSH_ROWS}):
 * one sheet named after the table, a bold header row that stays in view and filters, column widths by type, and typed
 * cells from the rows typed as for Parquet ({@link TypedBatches}): numbers, decimals with their scale shown, dates and
 * timestamps (UTC) as Excel dates with a display format, booleans as Excel booleans. A value that does not fit its
 * column's type is an empty cell, counted in {@link ValueMisfits}, as in Parquet. Every text is an inline string cell,
 * so it is never a formula, whatever it starts with; a list is its elements joined by ", " (as a person reads a list
 * of tags), a JSON value its JSON text. Excel holds at most {@value #MAX_CELL_CHARS} characters in a cell: a longer
 * text is cut there and counted. A date before 1900-01-01, which Excel has no date for, is its ISO text.
 */
final class XlsxTableWriter {
    static final int MAX_CELL_CHARS = 32_767;

    /**
     * Rows kept as fastexcel's cells before they are written out: their XML (about 300 KB for 100 rows of contacts)
     * stays under G1's humongous size, where 1,000 rows made fastexcel's buffer flush 1 MB humongous objects.
     */
    private static final int FLUSH_ROWS = 100;

    private static final long MILLIS_A_DAY = 86_400_000L;
    /** Excel's day 0 (1900-01-00), as days since 1970. */
    private static final long EXCEL_EPOCH_DAY = LocalDate.of(1899, 12, 31).toEpochDay();
    /** Powers of ten a decimal's unscaled long is divided by; all exact doubles. */
    private static final double[] TENS = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18
    };

    private final Worksheet sheet;
    private final ColumnType[] types;
    private final String[] formats;
    private final ValueMisfits misfits;
    /** Per column with a number format: the first row of the run of values not yet formatted, or 0. */
    private final int[] formatRunStarts;

    private XlsxTableWriter(Worksheet sheet, List<TypedColumn> columns, ValueMisfits misfits) {
        this.sheet = sheet;
        this.types = columns.stream().map(TypedColumn::type).toArray(ColumnType[]::new);
        this.formats = columns.stream().map(c -> displayFormat(c.type())).toArray(String[]::new);
        this.misfits = misfits;
        this.formatRunStarts = new int[columns.size()];
    }

    /**
     * Writes every row of the table file {@code in} (whose rows have {@code keys} in that order) to {@code out} as
     * {@code columns}, in their order; returns the rows written. A table of more rows than a sheet holds fails.
     */
    static long write(
            InputStream in,
            OutputStream out,
            String table,
            List<String> keys,
            List<TypedColumn> columns,
            ValueMisfits misfits)
            throws IOException {
        Workbook workbook = new Workbook(out, "datadump", "1.0");
        // Excel's sheet names hold 31 characters; a catalog's table names may be longer
        Worksheet sheet = workbook.newWorksheet(table.length() > 31 ? table.substring(0, 31) : table);
        for (int c = 0; c < columns.size(); c++) {
            TypedColumn column = columns.get(c);
            sheet.inlineString(0, c, column.name());
            sheet.style(0, c).bold().set();
            sheet.width(c, width(column));
        }
        sheet.freezePane(0, 1);
        if (!columns.isEmpty()) sheet.setAutoFilter(0, 0, columns.size() - 1);
        XlsxTableWriter writer = new XlsxTableWriter(sheet, columns, misfits);
        int r = 0;
        try (TypedBatches rows = new TypedBatches(in, "xlsx " + table, keys, columns, misfits)) {
            for (TypedBatch batch; (batch = rows.next()) != null; rows.recycle(batch)) {
                for (int b = 0; b < batch.rows; b++) {
                    if (++r > Format.XLSX_MAX_ROWS)
                        throw new IOException(table + " has more rows than an Excel sheet holds");
                    writer.row(r, batch, b);
                    if (r % FLUSH_ROWS == 0) {
                        writer.endFormatRuns(r);
                        sheet.flush();
                    }
                }
            }
        }
        writer.endFormatRuns(r);
        workbook.finish();
        return r;
    }

    private void row(int r, TypedBatch batch, int row) {
        int first = row * batch.columns;
        for (int c = 0; c < types.length; c++) {
            int i = first + c;
            if (formats[c] != null) formatRun(c, r, batch.present[i]);
            if (!batch.present[i]) continue;
            ColumnType type = types[c];
            if (type.list()) text(r, c, listText(batch.elements(), batch.starts[i], batch.lengths[i], type));
            else cell(r, c, batch, i, type);
        }
    }

    private void cell(int r, int c, TypedBatch batch, int i, ColumnType type) {
        long l = batch.longs[i];
        switch (type.kind()) {
            case INT32, INT64 -> sheet.value(r, c, l);
            case DECIMAL -> sheet.value(r, c, decimal(batch, i, type.scale()));
            case FLOAT32, FLOAT64 -> sheet.value(r, c, Double.longBitsToDouble(l));
            case BOOLEAN -> sheet.value(r, c, l != 0);
            case DATE -> {
                if (!excelDate(r, c, l * MILLIS_A_DAY))
                    sheet.inlineString(r, c, LocalDate.ofEpochDay(l).toString());
            }
            case TIMESTAMP, TIMESTAMPTZ -> {
                if (!excelDate(r, c, Math.floorDiv(l, 1_000)))
                    sheet.inlineString(r, c, TypedValues.utc(l).toString());
            }
            case TEXT, JSON -> text(r, c, string(batch, i));
        }
    }

    /**
     * A decimal as the double Excel keeps: the unscaled long divided by its power of ten, exact up to 2^53 (both are
     * exact doubles, so the quotient is the nearest double to the decimal), else through BigDecimal.
     */
    private static Number decimal(TypedBatch batch, int i, int scale) {
        BigDecimal wide = batch.wideDecimals[i];
        if (wide != null) return wide;
        long unscaled = batch.longs[i];
        if (Math.abs(unscaled) < 1L << 53) return unscaled / TENS[scale];
        return BigDecimal.valueOf(unscaled, scale);
    }

    /**
     * Writes a date or timestamp as Excel's serial date (days since 1900-01-00, counting the 29th of February 1900
     * that Excel has and the calendar has not), to the millisecond, as fastexcel computes it; false before 1900, which
     * Excel has no date for.
     */
    private boolean excelDate(int r, int c, long epochMillis) {
        double serial = (epochMillis - EXCEL_EPOCH_DAY * MILLIS_A_DAY) / (double) MILLIS_A_DAY;
        if (serial >= 60) serial++;
        if (serial < 1) return false;
        sheet.value(r, c, serial);
        return true;
    }

    /** A list as a person reads it: its elements' texts joined by ", ", a null element empty. */
    private static String listText(TypedBatch elements, int first, int count, ColumnType type) {
        StringBuilder out = new StringBuilder();
        for (int e = first; e < first + count; e++) {
            if (e > first) out.append(", ");
            if (!elements.present[e]) continue;
            long l = elements.longs[e];
            switch (type.kind()) {
                case INT32, INT64 -> out.append(l);
                case DECIMAL ->
                    out.append(
                            elements.wideDecimals[e] != null
                                    ? elements.wideDecimals[e].toPlainString()
                                    : BigDecimal.valueOf(l, type.scale()).toPlainString());
                case FLOAT32, FLOAT64 -> out.append(Double.longBitsToDouble(l));
                case BOOLEAN -> out.append(l != 0);
                case DATE -> out.append(LocalDate.ofEpochDay(l));
                case TIMESTAMP, TIMESTAMPTZ -> out.append(TypedValues.utc(l).toString());
                case TEXT, JSON -> out.append(string(elements, e));
            }
        }
        return out.toString();
    }

    private static String string(TypedBatch batch, int i) {
        return new String(batch.text, batch.starts[i], batch.lengths[i], StandardCharsets.UTF_8);
    }

    private void text(int r, int c, String text) {
        if (text.length() > MAX_CELL_CHARS) {
            misfits.cut();
            text = text.substring(0, MAX_CELL_CHARS);
        }
        sheet.inlineString(r, c, text);
    }

    /**
     * Follows the runs of values in a column with a number format: a run is formatted at once when it ends (per cell,
     * fastexcel's style lookup allocated 2 GB in a 1,000,000-row table; formatting the empty cells too made the file
     * 10 % larger).
     */
    private void formatRun(int c, int r, boolean present) {
        if (present && formatRunStarts[c] == 0) formatRunStarts[c] = r;
        else if (!present && formatRunStarts[c] != 0) endFormatRun(c, r - 1);
    }

    /** Formats the runs of values that go on to row {@code last}, before its rows are written out. */
    private void endFormatRuns(int last) {
        for (int c = 0; c < formats.length; c++) if (formatRunStarts[c] != 0) endFormatRun(c, last);
    }

    private void endFormatRun(int c, int last) {
        sheet.range(formatRunStarts[c], c, last, c).style().format(formats[c]).set();
        formatRunStarts[c] = 0;
    }

    /** Excel's number format for a column's cells, or null for General. */
    private static String displayFormat(ColumnType type) {
        if (type.list()) return null;
        return switch (type.kind()) {
            case DATE -> "yyyy-mm-dd";
            case TIMESTAMP, TIMESTAMPTZ -> "yyyy-mm-dd hh:mm:ss";
            case DECIMAL -> type.scale() == 0 ? "#,##0" : "#,##0." + "0".repeat(type.scale());
            default -> null;
        };
    }

    /** A column's width in characters: its header, or what its type usually needs, at most 50. */
    private static double width(TypedColumn column) {
        ColumnType type = column.type();
        int byType = type.list()
                ? 24
                : switch (type.kind()) {
                    case INT32, INT64, BOOLEAN -> 10;
                    case DECIMAL, FLOAT32, FLOAT64, DATE -> 12;
                    case TIMESTAMP, TIMESTAMPTZ -> 19;
                    case TEXT -> 24;
                    case JSON -> 30;
                };
        return Math.min(50, Math.max(byType, column.name().length() + 3)); // + room for the filter button
    }
}
