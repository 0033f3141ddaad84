package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.datadump.dump.RowScanner;
import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Converts a table file (a JSON array of flat objects) into another format, streaming: one row in memory at a time.
 * Values keep their exact text: numbers as the dump wrote them (with a decimal comma for German Excel), nested arrays
 * and objects as compact JSON text in CSV, null as an empty CSV field.
 *
 * <p>{@code csv-excel} is the one format that changes text, because it is made to be opened in Excel, which runs a
 * cell that starts with {@code = + - @}, tab or CR as a formula (CSV injection: a contact named {@code
 * =HYPERLINK(...)} from a web form would reach the brokerage's desktop). As OWASP's guidance says, such a text gets a
 * leading {@code '} (Excel shows the text, not a formula) and every text field is quoted. Numbers stay numbers;
 * {@code csv}, {@code json} and {@code ndjson} keep every text exactly.
 */
public final class RowConverter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final CSVFormat RFC_4180 =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final CSVFormat EXCEL_DE = CSVFormat.RFC4180
            .builder()
            .setDelimiter(';')
            .setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.NON_NUMERIC)
            .get();

    private static final DateTimeFormatter EXCEL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private RowConverter() {}

    /**
     * Writes the rows of the table file {@code in} (whose rows have {@code keys} in that order) as {@code format}, only
     * the {@code columns} in their order; returns the rows. A typed format that cannot hold a value in its column's
     * type writes null there and counts it in {@code misfits}.
     */
    static long convert(
            InputStream in,
            OutputStream out,
            Format format,
            String table,
            List<String> keys,
            List<TypedColumn> columns,
            ValueMisfits misfits)
            throws IOException {
        List<String> names = columns.stream().map(TypedColumn::name).toList();
        if (format == Format.NDJSON && names.equals(keys)) return ndjsonAsDumped(in, out);
        if (format == Format.PARQUET) return ParquetTableWriter.write(in, out, table, keys, columns, misfits);
        if (format == Format.XLSX) return XlsxTableWriter.write(in, out, table, keys, columns, misfits);
        try (JsonRows rows = new JsonRows(in, keys, names)) {
            return switch (format) {
                case JSON, NDJSON -> json(rows, out, format, names);
                case CSV, CSV_EXCEL -> csv(rows, out, format, columns);
                case PARQUET, XLSX -> throw new AssertionError("typed from the file's bytes, above");
            };
        }
    }

    /** NDJSON of every column: the file's rows as the dump wrote them, one per line, at the speed of copying. */
    private static long ndjsonAsDumped(InputStream in, OutputStream out) throws IOException {
        long rows = 0;
        try (RowScanner scanner = new RowScanner(in)) {
            for (byte[] row; (row = scanner.next()) != null; rows++) {
                out.write(row, 0, scanner.length());
                out.write('\n');
            }
        }
        return rows;
    }

    private static long json(JsonRows rows, OutputStream out, Format format, List<String> columns) throws IOException {
        long count = 0;
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            boolean array = format == Format.JSON;
            gen.setRootValueSeparator(new SerializedString(array ? ",\n" : "\n"));
            if (array) gen.writeRaw("[\n");
            SerializedString[] names =
                    columns.stream().map(SerializedString::new).toArray(SerializedString[]::new);
            while (rows.next()) {
                gen.writeStartObject();
                for (int c = 0; c < names.length; c++) {
                    gen.writeFieldName(names[c]);
                    if (rows.kind(c) == JsonToken.VALUE_STRING) gen.writeString(rows.text(c));
                    else gen.writeRawValue(rows.text(c));
                }
                gen.writeEndObject();
                count++;
            }
            gen.writeRaw(array ? "\n]" : count > 0 ? "\n" : "");
        }
        return count;
    }

    private static long csv(JsonRows rows, OutputStream out, Format format, List<TypedColumn> columns)
            throws IOException {
        boolean excel = format == Format.CSV_EXCEL;
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (excel) writer.write('\uFEFF'); // the BOM tells Excel the file is UTF-8
        long count = 0;
        CSVPrinter printer = new CSVPrinter(writer, excel ? EXCEL_DE : RFC_4180);
        for (TypedColumn c : columns) printer.print(c.name());
        printer.println();
        ColumnType[] types = columns.stream().map(TypedColumn::type).toArray(ColumnType[]::new);
        while (rows.next()) {
            for (int c = 0; c < types.length; c++) {
                JsonToken kind = rows.kind(c);
                String text = rows.text(c);
                printer.print(excel ? forExcel(kind, text, types[c]) : kind == JsonToken.VALUE_NULL ? "" : text);
            }
            printer.println();
            count++;
        }
        printer.flush();
        writer.flush();
        return count;
    }

    /**
     * A value as csv-excel writes it: numbers unquoted (decimal comma); timestamps in UTC as {@code 2024-07-06
     * 19:03:02}, which German Excel reads as a date-time (not the ISO {@code T} form with a fraction, which it keeps as
     * text; Excel shows seconds, and the fraction stays in the other formats); booleans as German Excel's WAHR and
     * FALSCH; a text Excel would run as a formula made text.
     */
    static Object forExcel(JsonToken kind, String text, ColumnType type) {
        if (!type.list()) {
            if (kind == JsonToken.VALUE_STRING
                    && (type.kind() == ColumnType.Kind.TIMESTAMP || type.kind() == ColumnType.Kind.TIMESTAMPTZ)) {
                try {
                    return EXCEL_DATE_TIME.format(TypedValues.utc(text));
                } catch (DateTimeException e) {
                    // not a timestamp after all: written as the text it is, below
                }
            }
            if (type.kind() == ColumnType.Kind.BOOLEAN && kind == JsonToken.VALUE_TRUE) return "WAHR";
            if (type.kind() == ColumnType.Kind.BOOLEAN && kind == JsonToken.VALUE_FALSE) return "FALSCH";
        }
        return switch (kind) {
            case VALUE_NULL -> null;
            case VALUE_NUMBER_INT -> new Numeral(text);
            case VALUE_NUMBER_FLOAT -> new Numeral(text.replace('.', ','));
            case VALUE_STRING -> startsAFormula(text) ? "'" + text : text;
            default -> text; // true, false, and arrays and objects as JSON text: never a formula
        };
    }

    /** OWASP's list of the characters that make a spreadsheet cell a formula or command. */
    static boolean startsAFormula(String text) {
        if (text.isEmpty()) return false;
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** A number's text as the CSV printer's NON_NUMERIC quote mode recognises it: unquoted. */
    private static final class Numeral extends Number {
        private final String text;

        Numeral(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public int intValue() {
            return (int) doubleValue();
        }

        @Override
        public long longValue() {
            return (long) doubleValue();
        }

        @Override
        public float floatValue() {
            return (float) doubleValue();
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text.replace(',', '.'));
        }
    }
}
