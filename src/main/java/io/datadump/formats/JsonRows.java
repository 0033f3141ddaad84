package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a table file, one at a time, holding only the chosen columns. Every row of a file has the same keys
 * in the same order, so a field is placed by its position, checked against the (interned) key name; a file that
 * breaks the order still converts, through a lookup by name.
 */
final class JsonRows implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final JsonParser parser;
    private final String[] keys;
    private final SerializedString[] quotedKeys;
    private final int[] slotOfKey; // key position -> output column, or -1
    private final Map<String, Integer> positionOfKey = new HashMap<>();
    private final boolean[] listSlots;
    private JsonToken[] kinds;
    private String[] texts;
    private List<String>[] elements;

    /** The rows of the table file {@code in}, whose rows have {@code keys} in that order, with only {@code columns}. */
    JsonRows(InputStream in, List<String> keys, List<String> columns) throws IOException {
        this.parser = JSON.createParser(in);
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            parser.close();
            throw new IOException("a table file is a JSON array");
        }
        this.keys = keys.stream().map(String::intern).toArray(String[]::new);
        this.quotedKeys = keys.stream().map(SerializedString::new).toArray(SerializedString[]::new);
        this.slotOfKey = new int[this.keys.length];
        for (int k = 0; k < this.keys.length; k++) {
            slotOfKey[k] = columns.indexOf(this.keys[k]);
            positionOfKey.put(this.keys[k], k);
        }
        this.listSlots = new boolean[columns.size()];
        fresh();
    }

    /**
     * Makes the array values of {@code column} come as their elements ({@link #elements}) instead of JSON text: the
     * typed writers need the values, and parsing them once here is cheaper than writing text and parsing it again.
     */
    JsonRows withElements(int column) {
        listSlots[column] = true;
        return this;
    }

    @SuppressWarnings("unchecked")
    private void fresh() {
        kinds = new JsonToken[listSlots.length];
        texts = new String[listSlots.length];
        elements = new List[listSlots.length];
    }

    boolean next() throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) return false;
        Arrays.fill(kinds, JsonToken.VALUE_NULL); // a key missing from a row is null there, not the last row's value
        Arrays.fill(texts, "null"); // as the parser gives a null's text
        for (int k = 0; ; k++) {
            // the expected key is matched on its bytes: the symbol-table lookup was an eighth of the parsing thread's
            // time; a key past the expected ones (a row with more keys than the file's) is looked up by name
            boolean expected = k < keys.length && parser.nextFieldName(quotedKeys[k]);
            if (k >= keys.length) parser.nextToken();
            if (parser.currentToken() != JsonToken.FIELD_NAME) break;
            int position = expected ? k : positionOfKey.getOrDefault(parser.currentName(), -1);
            JsonToken kind = parser.nextToken();
            int slot = position < 0 ? -1 : slotOfKey[position];
            if (slot < 0) {
                parser.skipChildren();
                continue;
            }
            kinds[slot] = kind;
            if (kind == JsonToken.START_ARRAY && listSlots[slot]) {
                texts[slot] = null;
                elements[slot] = elements(parser);
            } else {
                texts[slot] = kind == JsonToken.START_ARRAY || kind == JsonToken.START_OBJECT
                        ? nested(parser)
                        : parser.getText();
            }
        }
        return true;
    }

    /**
     * The current row, detached: later rows no longer write into it, so another thread may read it while this one
     * parses on.
     */
    Row take() {
        Row row = new Row(kinds, texts, elements);
        fresh();
        return row;
    }

    /** One row's values by output column: kind and text, and for list columns read with elements, the elements. */
    record Row(JsonToken[] kinds, String[] texts, List<String>[] elements) {
        JsonToken kind(int column) {
            return kinds[column];
        }

        String text(int column) {
            return texts[column];
        }

        /** An array's elements as text (null for a JSON null, JSON text for a nested value); null if not read so. */
        List<String> elements(int column) {
            return elements[column];
        }
    }

    /** The elements of the array at the parser: scalars as text, null as null, nested values as JSON text. */
    private static List<String> elements(JsonParser parser) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonToken t; (t = parser.nextToken()) != JsonToken.END_ARRAY; ) {
            if (t == JsonToken.VALUE_NULL) out.add(null);
            else if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) out.add(nested(parser));
            else out.add(parser.getText());
        }
        return out;
    }

    JsonToken kind(int column) {
        return kinds[column];
    }

    String text(int column) {
        return texts[column];
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** A nested array or object as compact JSON text, numbers exactly as written. */
    static String nested(JsonParser parser) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator gen = JSON.createGenerator(text)) {
            gen.copyCurrentStructureExact(parser);
        }
        return text.toString();
    }
}
