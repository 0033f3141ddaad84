package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
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
    private final JsonToken[] kinds;
    private final String[] texts;

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
        this.kinds = new JsonToken[columns.size()];
        this.texts = new String[columns.size()];
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
            texts[slot] =
                    kind == JsonToken.START_ARRAY || kind == JsonToken.START_OBJECT ? nested(parser) : parser.getText();
        }
        return true;
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
