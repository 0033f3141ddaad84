package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
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
 */
public final class RowConverter {
    private static final JsonFactory JSON = new JsonFactory();
    private static final CSVFormat RFC_4180 =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    private static final CSVFormat EXCEL_DE = CSVFormat.RFC4180
            .builder()
            .setDelimiter(';')
            .setRecordSeparator("\r\n")
            .setQuoteMode(QuoteMode.MINIMAL)
            .get();

    private RowConverter() {}

    /** Writes the rows of {@code in} as {@code format}, only the {@code columns} in their order; returns the rows. */
    public static long convert(InputStream in, OutputStream out, Format format, List<String> columns)
            throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) throw new IOException("a table file is a JSON array");
            return switch (format) {
                case JSON, NDJSON -> json(parser, out, format, columns);
                case CSV, CSV_EXCEL -> csv(parser, out, format, columns);
            };
        }
    }

    /** One value of a row: its kind and its text (a string's content; the JSON text of anything else). */
    private record Value(JsonToken kind, String text) {}

    private static long json(JsonParser parser, OutputStream out, Format format, List<String> columns)
            throws IOException {
        long rows = 0;
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            boolean array = format == Format.JSON;
            gen.setRootValueSeparator(new SerializedString(array ? ",\n" : "\n"));
            if (array) gen.writeRaw("[\n");
            Map<String, Value> row = new HashMap<>();
            while (nextRow(parser, row)) {
                gen.writeStartObject();
                for (String c : columns) {
                    gen.writeFieldName(c);
                    Value v = row.get(c);
                    if (v.kind() == JsonToken.VALUE_STRING) gen.writeString(v.text());
                    else gen.writeRawValue(v.text());
                }
                gen.writeEndObject();
                rows++;
            }
            gen.writeRaw(array ? "\n]" : rows > 0 ? "\n" : "");
        }
        return rows;
    }

    private static long csv(JsonParser parser, OutputStream out, Format format, List<String> columns)
            throws IOException {
        boolean excel = format == Format.CSV_EXCEL;
        var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (excel) writer.write('\uFEFF'); // the BOM tells Excel the file is UTF-8
        long rows = 0;
        CSVPrinter printer = new CSVPrinter(writer, excel ? EXCEL_DE : RFC_4180);
        printer.printRecord(columns);
        Map<String, Value> row = new HashMap<>();
        String[] values = new String[columns.size()];
        while (nextRow(parser, row)) {
            for (int i = 0; i < values.length; i++) {
                Value v = row.get(columns.get(i));
                values[i] = switch (v.kind()) {
                    case VALUE_NULL -> "";
                    case VALUE_NUMBER_FLOAT -> excel ? v.text().replace('.', ',') : v.text();
                    default -> v.text();
                };
            }
            printer.printRecord((Object[]) values);
            rows++;
        }
        printer.flush();
        writer.flush();
        return rows;
    }

    /** Reads the next object of the array into {@code row}; false at the end. */
    private static boolean nextRow(JsonParser parser, Map<String, Value> row) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) return false;
        row.clear();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken kind = parser.nextToken();
            String text =
                    kind == JsonToken.START_ARRAY || kind == JsonToken.START_OBJECT ? nested(parser) : parser.getText();
            row.put(key, new Value(kind, text));
        }
        return true;
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
