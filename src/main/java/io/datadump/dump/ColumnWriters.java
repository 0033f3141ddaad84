package io.datadump.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The {@link ColumnWriter} of each PostgreSQL type. */
final class ColumnWriters {
    private static final JsonFactory PARSERS = new JsonFactory();

    /**
     * True for the types whose text output becomes a JSON string as it is: their COPY fields go out through
     * {@link CopyRows#jsonText} without being unescaped first.
     */
    private ColumnWriters() {}

    static boolean isText(String pgType) {
        return !pgType.startsWith("_") && forType(pgType) instanceof TextWriter;
    }

    static ColumnWriter forType(String pgType) {
        if (pgType.startsWith("_")) return new ArrayWriter(forType(pgType.substring(1)));
        return switch (pgType) {
            // the driver reports a column with a sequence default as "serial"
            case "int2", "int4", "int8", "oid", "smallserial", "serial", "bigserial" ->
                (v, out) -> out.writeRawValue(v);
            case "numeric", "float4", "float8" -> ColumnWriters::number;
            case "bool" -> (v, out) -> out.writeBoolean(v.at(0) == 't');
            case "timestamp" -> new TimestampWriter(false);
            case "timestamptz" -> new TimestampWriter(true);
            case "jsonb" -> ColumnWriters::jsonb;
            case "json" -> ColumnWriters::json;
            default -> new TextWriter(); // text, varchar, date, uuid, ...
        };
    }

    private static void number(ByteSlice v, JsonGenerator out) throws IOException {
        byte first = v.at(0);
        boolean special = first == 'N' || first == 'I' || (first == '-' && v.length > 1 && v.at(1) == 'I');
        if (special)
            out.writeRawUTF8String(
                    v.bytes, v.offset, v.length); // NaN/Infinity are no JSON numbers; to_json quotes them
        else out.writeRawValue(v);
    }

    /** jsonb text is valid, compact-enough JSON: scalars go out as they are; objects and arrays are re-emitted compactly. */
    private static void jsonb(ByteSlice v, JsonGenerator out) throws IOException {
        byte first = v.at(0);
        if (first == '{' || first == '[') json(v, out);
        else out.writeRawValue(v);
    }

    /** json keeps its input text (whitespace and all), so it always goes through a parser. */
    private static void json(ByteSlice v, JsonGenerator out) throws IOException {
        try (var parser = PARSERS.createParser(v.bytes, v.offset, v.length)) {
            parser.nextToken();
            out.copyCurrentStructureExact(parser); // exact: 2.50 stays 2.50
        }
    }

    /** "2024-05-01 10:00:00" becomes "2024-05-01T10:00:00"; a timestamptz offset "+02" becomes "+02:00", as in to_json. */
    static final class TimestampWriter implements ColumnWriter {
        private final boolean withZone;
        private byte[] text = new byte[48];

        TimestampWriter(boolean withZone) {
            this.withZone = withZone;
        }

        @Override
        public void write(ByteSlice v, JsonGenerator out) throws IOException {
            int space = v.indexOf((byte) ' ');
            if (space < 0) { // infinity, -infinity
                out.writeRawUTF8String(v.bytes, v.offset, v.length);
                return;
            }
            if (text.length < v.length + 3) text = new byte[v.length + 3];
            System.arraycopy(v.bytes, v.offset, text, 0, v.length);
            text[space] = 'T';
            int length = v.length;
            if (withZone && length >= 3 && (text[length - 3] == '+' || text[length - 3] == '-')) {
                text[length++] = ':';
                text[length++] = '0';
                text[length++] = '0';
            }
            out.writeRawUTF8String(text, 0, length);
        }
    }

    /** A PostgreSQL array literal ({1,2}, {"a b",NULL,c}, {{1,2},{3,4}}) as a JSON array of its elements' JSON values. */
    static final class ArrayWriter implements ColumnWriter {
        private final ColumnWriter element;
        private final ByteSlice item = new ByteSlice();
        private byte[] scratch = new byte[64]; // a quoted element without its escapes

        ArrayWriter(ColumnWriter element) {
            this.element = element;
        }

        @Override
        public void write(ByteSlice v, JsonGenerator out) throws IOException {
            int start = v.indexOf((byte) '{'); // skips a dimension prefix such as [0:1]=
            if (start < 0 || v.at(v.length - 1) != '}') throw new IOException("not an array literal: " + v);
            if (scratch.length < v.length) scratch = new byte[v.length];
            int end = writeArray(v.bytes, v.offset + start, out);
            if (end != v.offset + v.length) throw new IOException("not an array literal: " + v);
        }

        /** Writes the array that starts with '{' at {@code i}; returns the index after its '}'. */
        private int writeArray(byte[] b, int i, JsonGenerator out) throws IOException {
            out.writeStartArray();
            i++;
            if (b[i] == '}') {
                out.writeEndArray();
                return i + 1;
            }
            while (true) {
                if (b[i] == '{') {
                    i = writeArray(b, i, out);
                } else if (b[i] == '"') {
                    int n = 0;
                    for (i++; b[i] != '"'; i++) {
                        if (b[i] == '\\') i++;
                        scratch[n++] = b[i];
                    }
                    i++;
                    element.write(item.set(scratch, 0, n), out);
                } else {
                    int s = i;
                    while (b[i] != ',' && b[i] != '}') i++;
                    item.set(b, s, i - s);
                    if (item.is("NULL")) out.writeNull();
                    else element.write(item, out);
                }
                if (b[i] == '}') {
                    out.writeEndArray();
                    return i + 1;
                }
                i++; // ','
            }
        }
    }
}
