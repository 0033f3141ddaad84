package io.datadump.formats;

import com.fasterxml.jackson.core.JsonToken;
import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes a table's rows as one Parquet file with parquet-java, streaming: rows go into row groups of {@link
 * #ROW_GROUP_BYTES}, each written out when full, so memory stays bounded whatever the table's size. No Hadoop: the
 * writer runs on parquet-java's plain configuration, a stream and {@link ParquetCodecs}.
 */
final class ParquetTableWriter {
    /**
     * Row groups of 16 MiB (parquet-java buffers one, encoded, before writing it) and pages and dictionaries of 256 KiB
     * (below G1's humongous size, half a region of a small heap): a 1,000,000-row contacts table converts with -Xmx96m
     * (measured), and DuckDB still reads a row group per thread. Larger ones saved 3 % of the file's size and no time.
     */
    static final long ROW_GROUP_BYTES = 16L << 20;

    static final int PAGE_BYTES = 256 << 10;

    /** An array element's kind, which {@link JsonRows} does not keep: its text alone decides whether it fits. */
    private static final JsonToken NUMBERS_OR_TEXT = JsonToken.NOT_AVAILABLE;

    private ParquetTableWriter() {}

    /** Writes every row of {@code rows} (holding {@code columns} in order) to {@code out}; returns the rows written. */
    static long write(JsonRows rows, OutputStream out, String table, List<TypedColumn> columns, ValueMisfits misfits)
            throws IOException {
        for (int c = 0; c < columns.size(); c++) if (columns.get(c).type().list()) rows.withElements(c);
        MessageType schema = ParquetSchema.of(table, columns);
        long count = 0;
        try (RowPipe pipe = new RowPipe(rows, "parquet " + table);
                ParquetWriter<JsonRows.Row> writer = new Builder(new StreamOutputFile(out), schema, columns, misfits)
                        .withConf(new PlainParquetConfiguration())
                        .withCodecFactory(ParquetCodecs.INSTANCE)
                        .withCompressionCodec(ParquetCodecs.CODEC)
                        .withRowGroupSize(ROW_GROUP_BYTES)
                        .withPageSize(PAGE_BYTES)
                        .withDictionaryPageSize(PAGE_BYTES)
                        .build()) {
            for (JsonRows.Row row; (row = pipe.next()) != null; count++) writer.write(row);
        }
        return count;
    }

    private static final class Builder extends ParquetWriter.Builder<JsonRows.Row, Builder> {
        private final MessageType schema;
        private final List<TypedColumn> columns;
        private final ValueMisfits misfits;

        Builder(StreamOutputFile file, MessageType schema, List<TypedColumn> columns, ValueMisfits misfits) {
            super(file);
            this.schema = schema;
            this.columns = columns;
            this.misfits = misfits;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<JsonRows.Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema, columns, misfits);
        }

        @Override
        protected WriteSupport<JsonRows.Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema, columns, misfits);
        }
    }

    /** Hands the current row of a {@link JsonRows} to Parquet's record consumer, each value typed by its column. */
    private static final class RowWriteSupport extends WriteSupport<JsonRows.Row> {
        private final MessageType schema;
        private final List<TypedColumn> columns;
        private final ValueMisfits misfits;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, List<TypedColumn> columns, ValueMisfits misfits) {
            this.schema = schema;
            this.columns = columns;
            this.misfits = misfits;
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of("writer", "datadump"));
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, Map.of("writer", "datadump"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(JsonRows.Row row) {
            consumer.startMessage();
            for (int c = 0; c < columns.size(); c++) {
                TypedColumn column = columns.get(c);
                JsonToken kind = row.kind(c);
                if (kind == JsonToken.VALUE_NULL) {
                    if (!column.nullable()) throw new IllegalStateException(column.name() + " is null in a row");
                    continue;
                }
                String text = row.text(c);
                Object list = null;
                try {
                    if (column.type().list()) list = list(column.type(), kind, row.elements(c));
                    else parse(column.type(), kind, text);
                } catch (RuntimeException e) {
                    if (!column.nullable()) throw new IllegalStateException(column.name() + ": " + e.getMessage(), e);
                    misfits.add(column.name(), text);
                    continue; // written as null: the value does not fit the column's type
                }
                consumer.startField(column.name(), c);
                if (column.type().list()) writeList(column.type(), (Object[]) list);
                else addParsed(physical(column.type()));
                consumer.endField(column.name(), c);
            }
            consumer.endMessage();
        }

        // The scalar value being written, parsed before its field starts (so a misfit is known first) and kept unboxed:
        // a boxed Long per value was a good part of a conversion's allocations.
        private long parsedLong;
        private double parsedDouble;
        private Binary parsedBinary;

        private void parse(ColumnType type, JsonToken kind, String text) {
            switch (type.kind()) {
                case INT32, INT64 -> parsedLong = Long.parseLong(number(kind, text));
                case DECIMAL -> {
                    if (type.precision() <= 18) {
                        long unscaled = TypedValues.unscaled(number(kind, text), type.scale(), type.precision());
                        if (unscaled != Long.MIN_VALUE) {
                            parsedLong = unscaled;
                            return;
                        }
                    }
                    Object v = decimal(type, number(kind, text));
                    if (v instanceof Binary b) parsedBinary = b;
                    else parsedLong = ((Number) v).longValue();
                }
                case FLOAT32, FLOAT64 -> parsedDouble = Double.parseDouble(number(kind, text));
                case BOOLEAN -> parsedLong = TypedValues.bool(text) ? 1 : 0;
                case DATE -> parsedLong = TypedValues.epochDay(string(kind, text));
                case TIMESTAMP, TIMESTAMPTZ -> parsedLong = TypedValues.epochMicros(string(kind, text));
                case TEXT -> parsedBinary = Binary.fromString(text);
                case JSON ->
                    parsedBinary = Binary.fromString(TypedValues.jsonText(kind == JsonToken.VALUE_STRING, text));
            }
            if (type.kind() == ColumnType.Kind.INT32 && (int) parsedLong != parsedLong)
                throw new NumberFormatException("out of range");
        }

        private void addParsed(PrimitiveTypeName storage) {
            switch (storage) {
                case INT32 -> consumer.addInteger((int) parsedLong);
                case INT64 -> consumer.addLong(parsedLong);
                case FLOAT -> consumer.addFloat((float) parsedDouble);
                case DOUBLE -> consumer.addDouble(parsedDouble);
                case BOOLEAN -> consumer.addBoolean(parsedLong != 0);
                default -> consumer.addBinary(parsedBinary);
            }
        }

        /** A list's elements as values to write (null for a null element); throws where one does not fit. */
        private static Object[] list(ColumnType type, JsonToken kind, List<String> elements) {
            if (kind != JsonToken.START_ARRAY || elements == null) throw new IllegalArgumentException("not an array");
            Object[] values = new Object[elements.size()];
            for (int i = 0; i < values.length; i++) {
                String e = elements.get(i);
                values[i] = e == null ? null : value(type, NUMBERS_OR_TEXT, e);
            }
            return values;
        }

        private void add(PrimitiveTypeName storage, Object v) {
            switch (storage) {
                case INT32 -> consumer.addInteger(((Number) v).intValue());
                case INT64 -> consumer.addLong(((Number) v).longValue());
                case FLOAT -> consumer.addFloat(((Number) v).floatValue());
                case DOUBLE -> consumer.addDouble(((Number) v).doubleValue());
                case BOOLEAN -> consumer.addBoolean((Boolean) v);
                default -> consumer.addBinary((Binary) v);
            }
        }

        private void writeList(ColumnType type, Object[] values) {
            consumer.startGroup();
            if (values.length > 0) {
                PrimitiveTypeName storage = physical(type);
                consumer.startField("list", 0);
                for (Object v : values) {
                    consumer.startGroup();
                    if (v != null) {
                        consumer.startField("element", 0);
                        add(storage, v);
                        consumer.endField("element", 0);
                    }
                    consumer.endGroup();
                }
                consumer.endField("list", 0);
            }
            consumer.endGroup();
        }

        private static PrimitiveTypeName physical(ColumnType type) {
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

        /** The value to write: a Number, a Boolean or a Binary; throws where the text does not fit the type. */
        private static Object value(ColumnType type, JsonToken kind, String text) {
            return switch (type.kind()) {
                case INT32 -> Integer.parseInt(number(kind, text));
                case INT64 -> Long.parseLong(number(kind, text));
                case DECIMAL -> decimal(type, number(kind, text));
                case FLOAT32 -> Float.parseFloat(number(kind, text));
                case FLOAT64 -> Double.parseDouble(number(kind, text));
                case BOOLEAN -> TypedValues.bool(text);
                case DATE -> TypedValues.epochDay(string(kind, text));
                case TIMESTAMP, TIMESTAMPTZ -> TypedValues.epochMicros(string(kind, text));
                case TEXT -> Binary.fromString(text);
                case JSON -> Binary.fromString(TypedValues.jsonText(kind == JsonToken.VALUE_STRING, text));
            };
        }

        private static Object decimal(ColumnType type, String text) {
            if (type.precision() <= 18) {
                long unscaled = TypedValues.unscaled(text, type.scale(), type.precision());
                if (unscaled != Long.MIN_VALUE) return type.precision() <= 9 ? (Object) (int) unscaled : unscaled;
            }
            BigDecimal exact = new BigDecimal(text).setScale(type.scale(), RoundingMode.UNNECESSARY);
            if (exact.precision() > type.precision()) throw new ArithmeticException("more digits than the column");
            return switch (ParquetSchema.decimalStorage(type.precision())) {
                case INT32 -> exact.unscaledValue().intValueExact();
                case INT64 -> exact.unscaledValue().longValueExact();
                default -> Binary.fromConstantByteArray(exact.unscaledValue().toByteArray());
            };
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
}
