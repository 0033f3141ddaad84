package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.datadump.dump.RowScanner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private RowConverter() {}

    /**
     * Writes the rows of {@code in} (whose rows have {@code keys} in that order) as {@code format}, only the {@code
     * columns} in their order; returns the rows.
     */
    public static long convert(InputStream in, OutputStream out, Format format, List<String> keys, List<String> columns)
            throws IOException {
        if (format == Format.NDJSON && columns.equals(keys)) return ndjsonAsDumped(in, out);
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) throw new IOException("a table file is a JSON array");
            Rows rows = new Rows(parser, keys, columns);
            return switch (format) {
                case JSON, NDJSON -> json(rows, out, format, columns);
                case CSV, CSV_EXCEL -> csv(rows, out, format, columns);
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

    private static long json(Rows rows, OutputStream out, Format format, List<String> columns) throws IOException {
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

    private static long csv(Rows rows, OutputStream out, Format format, List<String> columns) throws IOException {
        boolean excel = format == Format.CSV_EXCEL;
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (excel) writer.write('\uFEFF'); // the BOM tells Excel the file is UTF-8
        long count = 0;
        CSVPrinter printer = new CSVPrinter(writer, excel ? EXCEL_DE : RFC_4180);
        printer.printRecord(columns);
        int n = columns.size();
        while (rows.next()) {
            for (int c = 0; c < n; c++) {
                JsonToken kind = rows.kind(c);
                String text = rows.text(c);
                printer.print(excel ? forExcel(kind, text) : kind == JsonToken.VALUE_NULL ? "" : text);
            }
            printer.println();
            count++;
        }
        printer.flush();
        writer.flush();
        return count;
    }

    /** A value as csv-excel writes it: numbers unquoted (decimal comma), a text Excel would run as a formula made text. */
    static Object forExcel(JsonToken kind, String text) {
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

    /**
     * The rows of a table file, one at a time, holding only the chosen columns. Every row of a file has the same keys
     * in the same order, so a field is placed by its position, checked against the (interned) key name; a file that
     * breaks the order still converts, through a lookup by name.
     */
    private static final class Rows {
        private final JsonParser parser;
        private final String[] keys;
        private final int[] slotOfKey; // key position -> output column, or -1
        private final Map<String, Integer> positionOfKey = new HashMap<>();
        private final JsonToken[] kinds;
        private final String[] texts;

        Rows(JsonParser parser, List<String> keys, List<String> columns) {
            this.parser = parser;
            this.keys = keys.stream().map(String::intern).toArray(String[]::new);
            this.slotOfKey = new int[this.keys.length];
            for (int k = 0; k < this.keys.length; k++) {
                slotOfKey[k] = columns.indexOf(this.keys[k]);
                positionOfKey.put(this.keys[k], k);
            }
            this.kinds = new JsonToken[columns.size()];
            this.texts = new String[columns.size()];
        }

        boolean next() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) return false;
            int k = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int position = k < keys.length && keys[k] == name ? k : positionOfKey.getOrDefault(name, -1);
                k++;
                JsonToken kind = parser.nextToken();
                int slot = position < 0 ? -1 : slotOfKey[position];
                if (slot < 0) {
                    parser.skipChildren();
                    continue;
                }
                kinds[slot] = kind;
                texts[slot] = kind == JsonToken.START_ARRAY || kind == JsonToken.START_OBJECT
                        ? nested(parser)
                        : parser.getText();
            }
            return true;
        }

        JsonToken kind(int column) {
            return kinds[column];
        }

        String text(int column) {
            return texts[column];
        }
    }

    /** A nested array or object as compact JSON text, numbers exactly as written. */
    private static String nested(JsonParser parser) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator gen = JSON.createGenerator(text)) {
            gen.copyCurrentStructureExact(parser);
        }
        return text.toString();
    }
}
