package io.datadump.formats;

import io.datadump.formats.JsonFields.Kind;
import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A row's values typed by their columns, into a {@link TypedBatch} on the reader's thread ({@link TypedBatches}), from
 * the value's bytes ({@link JsonFields}): integers, dates (days), timestamps (microseconds), decimals (unscaled) and
 * booleans as longs, floats as doubles, text and JSON as UTF-8, a list's elements as rows of the batch's {@link
 * TypedBatch#elements()}, typed the same way: what Parquet stores, and what an xlsx cell holds. A value that does not
 * fit its column's type is counted in {@link ValueMisfits} and becomes null; a null in a column that cannot hold one
 * is an error.
 */
final class BatchTyping {
    private final TypedColumn[] columns;
    private final ValueMisfits misfits;
    private final ByteText chars = new ByteText();

    BatchTyping(List<TypedColumn> columns, ValueMisfits misfits) {
        this.columns = columns.toArray(TypedColumn[]::new);
        this.misfits = misfits;
    }

    /** Adds the row {@code fields} located to {@code batch}. */
    void add(JsonFields fields, TypedBatch batch) {
        int first = batch.rows * batch.columns;
        for (int c = 0; c < columns.length; c++) {
            TypedColumn column = columns[c];
            int i = first + c;
            fields.select(c);
            batch.present[i] = false;
            if (fields.kind() == Kind.NULL) {
                if (!column.nullable()) throw new IllegalStateException(column.name() + " is null in a row");
                continue;
            }
            int textUsed = batch.textUsed;
            TypedBatch elements = column.type().list() ? batch.elements() : null;
            int elementRows = elements != null ? elements.rows : 0;
            int elementText = elements != null ? elements.textUsed : 0;
            try {
                if (elements != null) list(batch, i, column.type(), fields, elements);
                else set(batch, i, column.type(), fields, false);
                batch.present[i] = true;
            } catch (RuntimeException e) {
                batch.textUsed = textUsed;
                batch.wideDecimals[i] = null;
                if (elements != null) {
                    elements.rows = elementRows;
                    elements.textUsed = elementText;
                }
                if (!column.nullable()) throw new IllegalStateException(column.name() + ": " + e.getMessage(), e);
                fields.select(c); // a list's elements moved the current value
                misfits.add(column.name(), fields.text());
            }
        }
        batch.rows++;
    }

    /**
     * Types the current value of {@code fields} into {@code batch} at {@code i}. A list's element is typed by its text
     * alone ({@code element}): a number in a list of texts is its text, a string of digits in a list of numbers its
     * number.
     */
    private void set(TypedBatch batch, int i, ColumnType type, JsonFields fields, boolean element) {
        switch (type.kind()) {
            case INT32 -> {
                CharSequence n = number(fields, element);
                batch.longs[i] = Integer.parseInt(n, 0, n.length(), 10);
            }
            case INT64 -> {
                CharSequence n = number(fields, element);
                batch.longs[i] = Long.parseLong(n, 0, n.length(), 10);
            }
            case DECIMAL -> decimal(batch, i, type, number(fields, element));
            case FLOAT32, FLOAT64 ->
                batch.longs[i] = Double.doubleToRawLongBits(
                        Double.parseDouble(number(fields, element).toString()));
            case BOOLEAN -> batch.longs[i] = TypedValues.bool(chars(fields)) ? 1 : 0;
            case DATE -> batch.longs[i] = TypedValues.epochDay(string(fields, element));
            case TIMESTAMP, TIMESTAMPTZ -> batch.longs[i] = TypedValues.epochMicros(string(fields, element));
            case TEXT -> text(batch, i, fields);
            case JSON -> {
                if (fields.kind() == Kind.STRING && !element) jsonString(batch, i, fields);
                else text(batch, i, fields);
            }
        }
    }

    /** A value's text as UTF-8 into the batch's bytes. */
    private static void text(TypedBatch batch, int i, JsonFields fields) {
        batch.reserve(fields.end() - fields.start());
        int length = fields.unescape(batch.text, batch.textUsed);
        if (length >= 0) batch.endText(i, length);
        else putText(batch, i, fields.text());
    }

    /** A string in a JSON column: its JSON text, quoted (as the dump wrote it, where it holds no escape). */
    private static void jsonString(TypedBatch batch, int i, JsonFields fields) {
        if (fields.escaped()) putText(batch, i, TypedValues.jsonText(true, fields.text()));
        else batch.putText(i, fields.row(), fields.start() - 1, fields.end() - fields.start() + 2);
    }

    private static void putText(TypedBatch batch, int i, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        batch.putText(i, bytes, 0, bytes.length);
    }

    /**
     * A list's elements as rows of {@code elements}, from {@code batch.starts[i]} on, {@code batch.lengths[i]} of them
     * (a null element is one not present); throws where one does not fit.
     */
    private void list(TypedBatch batch, int i, ColumnType type, JsonFields fields, TypedBatch elements) {
        if (fields.kind() != Kind.ARRAY) throw new IllegalArgumentException("not an array");
        batch.starts[i] = elements.rows;
        try {
            int p = fields.skipSpace(fields.start() + 1);
            if (fields.at(p) != ']') {
                while (true) {
                    p = fields.skipSpace(fields.value(p));
                    int e = elements.addRow();
                    if (fields.kind() != Kind.NULL) {
                        set(elements, e, type, fields, true);
                        elements.present[e] = true;
                    }
                    if (fields.at(p) == ']') break;
                    p = fields.skipSpace(p + 1); // past the comma: value() refuses anything else next
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        batch.lengths[i] = elements.rows - batch.starts[i];
    }

    /** A decimal: its unscaled value in a long up to 18 digits, else the BigDecimal itself. */
    private static void decimal(TypedBatch batch, int i, ColumnType type, CharSequence text) {
        if (type.precision() <= 18) {
            long unscaled = TypedValues.unscaled(text, type.scale(), type.precision());
            if (unscaled != Long.MIN_VALUE) {
                batch.longs[i] = unscaled;
                return;
            }
        }
        BigDecimal exact = new BigDecimal(text.toString()).setScale(type.scale(), RoundingMode.UNNECESSARY);
        if (exact.precision() > type.precision()) throw new ArithmeticException("more digits than the column");
        if (type.precision() <= 18) batch.longs[i] = exact.unscaledValue().longValueExact();
        else batch.wideDecimals[i] = exact;
    }

    /** The current value's characters: its bytes where they are its text, else its decoded text. */
    private CharSequence chars(JsonFields fields) {
        if (fields.escaped()) return fields.text();
        return chars.over(fields.row(), fields.start(), fields.end());
    }

    private CharSequence number(JsonFields fields, boolean element) {
        if (!element && fields.kind() != Kind.NUMBER) throw new IllegalArgumentException("not a number");
        return chars(fields);
    }

    private CharSequence string(JsonFields fields, boolean element) {
        if (!element && fields.kind() != Kind.STRING) throw new IllegalArgumentException("not a string");
        return chars(fields);
    }
}
