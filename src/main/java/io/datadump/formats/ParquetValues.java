package io.datadump.formats;

import com.fasterxml.jackson.core.JsonToken;
import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A row's values made into what Parquet stores, column by column, on the reader's thread ({@link RowPipe}): integers,
 * dates, timestamps (microseconds), decimals (unscaled) and booleans as longs, floats as doubles, text and JSON as
 * UTF-8, lists as arrays of those. A value that does not fit its column's type is counted in {@link ValueMisfits} and
 * becomes null; a null in a column that cannot hold one is an error.
 */
final class ParquetValues {
    /**
     * One row, ready for the record consumer: per column present or not, and its value in one of the arrays (a float's
     * bits in {@code longs}: a row is made per row of the table, so one array fewer is a third less to allocate).
     */
    static final class Row {
        final boolean[] present;
        final long[] longs;
        final Object[] refs; // Binary, or Object[] of a list's element values (Long, Double, Binary or null)

        Row(int columns) {
            present = new boolean[columns];
            longs = new long[columns];
            refs = new Object[columns];
        }

        double doubleAt(int column) {
            return Double.longBitsToDouble(longs[column]);
        }
    }

    /** An array element's kind, which {@link JsonRows} does not keep: its text alone decides whether it fits. */
    private static final JsonToken NUMBERS_OR_TEXT = JsonToken.NOT_AVAILABLE;

    private final List<TypedColumn> columns;
    private final ValueMisfits misfits;
    /** Where a list element is typed: one for the whole table, as rows are typed on one thread. */
    private final Row element = new Row(1);

    ParquetValues(List<TypedColumn> columns, ValueMisfits misfits) {
        this.columns = columns;
        this.misfits = misfits;
    }

    Row of(JsonRows.Row json) {
        Row row = new Row(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            TypedColumn column = columns.get(c);
            JsonToken kind = json.kind(c);
            if (kind == JsonToken.VALUE_NULL) {
                if (!column.nullable()) throw new IllegalStateException(column.name() + " is null in a row");
                continue;
            }
            String text = json.text(c);
            try {
                if (column.type().list()) row.refs[c] = list(column.type(), kind, json.elements(c));
                else set(row, c, column.type(), kind, text);
                row.present[c] = true;
            } catch (RuntimeException e) {
                if (!column.nullable()) throw new IllegalStateException(column.name() + ": " + e.getMessage(), e);
                misfits.add(column.name(), text == null ? String.valueOf(json.elements(c)) : text);
            }
        }
        return row;
    }

    /** Where Parquet keeps a value of this type. */
    static PrimitiveTypeName physical(ColumnType type) {
        return switch (type.kind()) {
            case INT32, DATE -> PrimitiveTypeName.INT32;
            case INT64, TIMESTAMP, TIMESTAMPTZ -> PrimitiveTypeName.INT64;
            case DECIMAL -> ParquetSchema.decimalStorage(type.precision());
            case FLOAT32 -> PrimitiveTypeName.FLOAT;
            case FLOAT64 -> PrimitiveTypeName.DOUBLE;
            case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
            case TEXT, JSON -> PrimitiveTypeName.BINARY;
        };
    }

    private static void set(Row row, int c, ColumnType type, JsonToken kind, String text) {
        switch (type.kind()) {
            case INT32 -> row.longs[c] = Integer.parseInt(number(kind, text));
            case INT64 -> row.longs[c] = Long.parseLong(number(kind, text));
            case DECIMAL -> {
                Object v = decimal(type, number(kind, text));
                if (v instanceof Binary b) row.refs[c] = b;
                else row.longs[c] = (Long) v;
            }
            case FLOAT32, FLOAT64 -> row.longs[c] = Double.doubleToRawLongBits(Double.parseDouble(number(kind, text)));
            case BOOLEAN -> row.longs[c] = TypedValues.bool(text) ? 1 : 0;
            case DATE -> row.longs[c] = TypedValues.epochDay(string(kind, text));
            case TIMESTAMP, TIMESTAMPTZ -> row.longs[c] = TypedValues.epochMicros(string(kind, text));
            case TEXT -> row.refs[c] = utf8(text);
            case JSON -> row.refs[c] = utf8(TypedValues.jsonText(kind == JsonToken.VALUE_STRING, text));
        }
    }

    /**
     * Text as Parquet's UTF-8 binary over a plain array: Binary.fromString wraps its bytes in a ByteBuffer, one more
     * object per value, and hashes through it slower in the dictionary writer.
     */
    private static Binary utf8(String text) {
        return Binary.fromConstantByteArray(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A list's element values (null for a null element); throws where one does not fit. */
    private Object[] list(ColumnType type, JsonToken kind, List<String> elements) {
        if (kind != JsonToken.START_ARRAY || elements == null) throw new IllegalArgumentException("not an array");
        Row one = element;
        Object[] values = new Object[elements.size()];
        for (int i = 0; i < values.length; i++) {
            String e = elements.get(i);
            if (e == null) continue;
            set(one, 0, type, NUMBERS_OR_TEXT, e);
            values[i] = switch (physical(type)) {
                case FLOAT, DOUBLE -> one.doubleAt(0);
                case BINARY, FIXED_LEN_BYTE_ARRAY -> one.refs[0];
                default -> one.longs[0];
            };
        }
        return values;
    }

    /** A decimal's unscaled value: a Long up to 18 digits, else the big-endian bytes Parquet takes. */
    private static Object decimal(ColumnType type, String text) {
        if (type.precision() <= 18) {
            long unscaled = TypedValues.unscaled(text, type.scale(), type.precision());
            if (unscaled != Long.MIN_VALUE) return unscaled;
        }
        BigDecimal exact = new BigDecimal(text).setScale(type.scale(), RoundingMode.UNNECESSARY);
        if (exact.precision() > type.precision()) throw new ArithmeticException("more digits than the column");
        if (type.precision() <= 18) return exact.unscaledValue().longValueExact();
        return Binary.fromConstantByteArray(exact.unscaledValue().toByteArray());
    }

    private static String number(JsonToken kind, String text) {
        if (kind != JsonToken.VALUE_NUMBER_INT && kind != JsonToken.VALUE_NUMBER_FLOAT && kind != NUMBERS_OR_TEXT) {
            throw new IllegalArgumentException("not a number");
        }
        return text;
    }

    private static String string(JsonToken kind, String text) {
        if (kind != JsonToken.VALUE_STRING && kind != NUMBERS_OR_TEXT)
            throw new IllegalArgumentException("not a string");
        return text;
    }
}
