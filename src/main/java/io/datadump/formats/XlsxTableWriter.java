package io.datadump.formats;

import com.fasterxml.jackson.core.JsonToken;
import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a table's rows as an Excel workbook with fastexcel, streaming (rows are flushed every {@link #FLUSH_ROWS}):
 * one sheet named after the table, a bold header row that stays in view and filters, column widths by type, and typed
 * cells: numbers, decimals with their scale shown, dates and timestamps (UTC) as Excel dates with a display format,
 * booleans as Excel booleans. Every text is an inline string cell, so it is never a formula, whatever it starts with;
 * an array is its elements joined by ", " (as a person reads a list of tags), a JSON value its JSON text. Excel holds at most {@value #MAX_CELL_CHARS} characters in a cell: a
 * longer text is cut there and counted.
 */
final class XlsxTableWriter {
    static final int MAX_CELL_CHARS = 32_767;
    private static final int FLUSH_ROWS = 1_000;
    private static final int ROWS_A_BATCH = 256;

    private XlsxTableWriter() {}

    static long write(JsonRows rows, OutputStream out, String table, List<TypedColumn> columns, ValueMisfits misfits)
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
        String[] formats = columns.stream().map(c -> displayFormat(c.type())).toArray(String[]::new);
        for (int c = 0; c < columns.size(); c++) if (columns.get(c).type().list()) rows.withElements(c);
        int r = 0;
        List<List<JsonRows.Row>> batches = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (BatchPipe<List<JsonRows.Row>> pipe =
                new BatchPipe<>(batches, batch -> fill(batch, rows), "xlsx " + table)) {
            for (List<JsonRows.Row> batch; (batch = pipe.next()) != null; pipe.recycle(batch)) {
                for (JsonRows.Row row : batch) {
                    if (++r > Format.XLSX_MAX_ROWS)
                        throw new IOException(table + " has more rows than an Excel sheet holds");
                    writeRow(sheet, r, row, columns, formats, misfits);
                    if (r % FLUSH_ROWS == 0) sheet.flush();
                }
            }
        }
        workbook.finish();
        return r;
    }

    /** Reads the next rows into {@code batch}, each its own (another thread writes them); false after the last. */
    private static boolean fill(List<JsonRows.Row> batch, JsonRows rows) throws IOException {
        batch.clear();
        while (batch.size() < ROWS_A_BATCH) {
            if (!rows.next()) return false;
            batch.add(rows.take());
        }
        return true;
    }

    private static void writeRow(
            Worksheet sheet,
            int r,
            JsonRows.Row row,
            List<TypedColumn> columns,
            String[] formats,
            ValueMisfits misfits) {
        for (int c = 0; c < formats.length; c++) {
            TypedColumn column = columns.get(c);
            JsonToken kind = row.kind(c);
            if (kind == JsonToken.VALUE_NULL) continue;
            if (row.elements(c) != null) {
                text(sheet, r, c, TypedValues.listText(row.elements(c)), misfits);
                continue;
            }
            String text = row.text(c);
            if (!cell(sheet, r, c, column.type(), kind, text, misfits)) {
                misfits.add(column.name(), text);
                continue;
            }
            if (formats[c] != null) sheet.style(r, c).format(formats[c]).set();
        }
    }

    /** Writes one typed value; false where the text does not fit the column's type (the cell stays empty). */
    private static boolean cell(
            Worksheet sheet, int r, int c, ColumnType type, JsonToken kind, String text, ValueMisfits misfits) {
        if (type.list() || type.kind() == ColumnType.Kind.JSON) {
            text(sheet, r, c, TypedValues.jsonText(kind == JsonToken.VALUE_STRING, text), misfits);
            return true;
        }
        try {
            switch (type.kind()) {
                case INT32, INT64, DECIMAL, FLOAT32, FLOAT64 -> {
                    if (kind != JsonToken.VALUE_NUMBER_INT && kind != JsonToken.VALUE_NUMBER_FLOAT) return false;
                    sheet.value(r, c, new BigDecimal(text));
                }
                case BOOLEAN -> sheet.value(r, c, TypedValues.bool(text));
                case DATE -> sheet.value(r, c, LocalDate.parse(text));
                case TIMESTAMP, TIMESTAMPTZ -> sheet.value(r, c, TypedValues.utc(text));
                default -> text(sheet, r, c, text, misfits);
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void text(Worksheet sheet, int r, int c, String text, ValueMisfits misfits) {
        if (text.length() > MAX_CELL_CHARS) {
            misfits.cut();
            text = text.substring(0, MAX_CELL_CHARS);
        }
        sheet.inlineString(r, c, text);
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
