package io.datadump.dump;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * What changed in a table between two dumps: a streaming merge of the two files, both in id order, so one pass over
 * each and memory for two rows at a time. A row that is new or differs in any value is an upsert, a row that is gone
 * a delete (a soft-deleted row is still there, so it is an upsert carrying its deleted_at).
 */
public final class TableDiff {
    /** Numbers keep their exact text (500000.00 stays 500000.00), so upserts carry the dump's own values. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Receives the changes in id order. */
    public interface Sink {
        void upsert(JsonNode row) throws IOException;

        void delete(JsonNode id) throws IOException;
    }

    public record Counts(long added, long changed, long deleted) {}

    private TableDiff() {}

    /** Compares two table files (plain JSON arrays, rows in ascending id order). */
    public static Counts diff(InputStream older, InputStream newer, Sink sink) throws IOException {
        try (Rows before = new Rows(older);
                Rows after = new Rows(newer)) {
            long added = 0, changed = 0, deleted = 0;
            JsonNode a = before.next(), b = after.next();
            while (a != null || b != null) {
                int order = a == null ? 1 : b == null ? -1 : Long.compare(id(a), id(b));
                if (order < 0) {
                    sink.delete(a.get("id"));
                    deleted++;
                    a = before.next();
                } else if (order > 0) {
                    sink.upsert(b);
                    added++;
                    b = after.next();
                } else {
                    if (!a.equals(b)) {
                        sink.upsert(b);
                        changed++;
                    }
                    a = before.next();
                    b = after.next();
                }
            }
            return new Counts(added, changed, deleted);
        }
    }

    /** Counts only. */
    public static Counts count(InputStream older, InputStream newer) throws IOException {
        return diff(older, newer, new Sink() {
            @Override
            public void upsert(JsonNode row) {}

            @Override
            public void delete(JsonNode id) {}
        });
    }

    private static long id(JsonNode row) {
        JsonNode id = row.get("id");
        if (id == null || !id.canConvertToLong()) throw new IllegalStateException("a row without a numeric id: " + row);
        return id.asLong();
    }

    /** The rows of one file, one at a time. */
    private static final class Rows implements AutoCloseable {
        private final JsonParser parser;

        Rows(InputStream in) throws IOException {
            parser = JSON.createParser(in);
            if (parser.nextToken() != JsonToken.START_ARRAY) throw new IOException("a table file is a JSON array");
        }

        JsonNode next() throws IOException {
            return parser.nextToken() == JsonToken.START_OBJECT ? JSON.readTree(parser) : null;
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
