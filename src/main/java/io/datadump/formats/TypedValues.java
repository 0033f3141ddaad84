package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The typed value of a dumped value's text, as the typed formats need it; each throws on a text that does not fit. */
final class TypedValues {
    private static final JsonFactory JSON = new JsonFactory();
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private TypedValues() {}

    /** A timestamp as the dump writes it, in UTC: without zone (timestamp, UTC) or with its offset (timestamptz). */
    static LocalDateTime utc(String text) {
        if (text.length() > 19 && (text.indexOf('+', 19) > 0 || text.indexOf('-', 19) > 0 || text.endsWith("Z"))) {
            return OffsetDateTime.parse(text)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
        }
        return LocalDateTime.parse(text);
    }

    static long epochMicros(LocalDateTime utc) {
        return ChronoUnit.MICROS.between(EPOCH, utc);
    }

    static int epochDay(String text) {
        return Math.toIntExact(LocalDate.parse(text).toEpochDay());
    }

    static boolean bool(String text) {
        if (text.equals("true")) return true;
        if (text.equals("false")) return false;
        throw new IllegalArgumentException("not a boolean");
    }

    /** A JSON array of scalars as a person reads it: its elements joined by ", ", null as an empty element. */
    static String listText(String jsonArray) {
        StringBuilder out = new StringBuilder();
        try (JsonParser p = JSON.createParser(jsonArray)) {
            p.nextToken();
            for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
                if (out.length() > 0) out.append(", ");
                if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) return jsonArray; // not a flat list
                if (t != JsonToken.VALUE_NULL) out.append(p.getText());
            }
        } catch (IOException e) {
            return jsonArray;
        }
        return out.toString();
    }

    /** A value's JSON text: strings quoted again (a JSON-typed column holding a string), anything else as written. */
    static String jsonText(boolean string, String text) {
        return string ? '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"' : text;
    }
}
