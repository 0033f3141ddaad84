package io.datadump.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
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
     * Row groups of 32 MiB (parquet-java buffers one, encoded, before writing it): a 1,000,000-row contacts table
     * converts within -Xmx256m, and DuckDB still reads a row group per thread.
     */
    static final long ROW_GROUP_BYTES = 32L << 20;

    private static final JsonFactory JSON = new JsonFactory();

    private ParquetTableWriter() {}

    /** Writes every row of {@code rows} (holding {@code columns} in order) to {@code out}; returns the rows written. */
    static long write(JsonRows rows, OutputStream out, String table, List<TypedColumn> columns, ValueMisfits misfits)
            throws IOException {
        MessageType schema = ParquetSchema.of(table, columns);
        long count = 0;
        try (ParquetWriter<JsonRows> writer = new Builder(new StreamOutputFile(out), schema, columns, misfits)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(ParquetCodecs.CODEC)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .build()) {
            while (rows.next()) {
                writer.write(rows);
                count++;
            }
        }
        return count;
    }

    private static final class Builder extends ParquetWriter.Builder<JsonRows, Builder> {
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
        protected WriteSupport<JsonRows> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema, columns, misfits);
        }

        @Override
        protected WriteSupport<JsonRows> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema, columns, misfits);
        }
    }

    /** Hands the current row of a {@link JsonRows} to Parquet's record consumer, each value typed by its column. */
    private static final class RowWriteSupport extends WriteSupport<JsonRows> {
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
        public void write(JsonRows row) {
            consumer.startMessage();
            for (int c = 0; c < columns.size(); c++) {
                TypedColumn column = columns.get(c);
                JsonToken kind = row.kind(c);
                if (kind == JsonToken.VALUE_NULL) {
                    if (!column.nullable()) throw new IllegalStateException(column.name() + " is null in a row");
                    continue;
                }
                String text = row.text(c);
                Object value = null;
                try {
                    if (column.type().list()) checkList(column.type(), kind, text);
                    else value = value(column.type(), kind, text);
                } catch (RuntimeException | IOException e) {
                    if (!column.nullable()) throw new IllegalStateException(column.name() + ": " + e.getMessage(), e);
                    misfits.add(column.name(), text);
                    continue; // written as null: the value does not fit the column's type
                }
                consumer.startField(column.name(), c);
                if (column.type().list()) writeList(column.type(), text);
                else add(physical(column.type()), value);
                consumer.endField(column.name(), c);
            }
            consumer.endMessage();
        }

        /** Parses a list's elements without writing them, so that a misfit is known before its field is started. */
        private static void checkList(ColumnType type, JsonToken kind, String text) throws IOException {
            if (kind != JsonToken.START_ARRAY) throw new IllegalArgumentException("not an array");
            try (JsonParser p = JSON.createParser(text)) {
                p.nextToken();
                for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
                    if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                        throw new IllegalArgumentException("a nested array or object in a list of " + type.kind());
                    }
                    if (t != JsonToken.VALUE_NULL) value(type, t, p.getText());
                }
            }
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

        private void writeList(ColumnType type, String text) {
            consumer.startGroup();
            try (JsonParser p = JSON.createParser(text)) {
                p.nextToken();
                boolean any = false;
                for (JsonToken t; (t = p.nextToken()) != JsonToken.END_ARRAY; ) {
                    if (!any) consumer.startField("list", 0);
                    any = true;
                    consumer.startGroup();
                    if (t != JsonToken.VALUE_NULL) {
                        consumer.startField("element", 0);
                        add(physical(type), value(type, t, p.getText()));
                        consumer.endField("element", 0);
                    }
                    consumer.endGroup();
                }
                if (any) consumer.endField("list", 0);
            } catch (IOException e) {
                throw new IllegalStateException(e); // checked before: cannot happen
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
                case TIMESTAMP, TIMESTAMPTZ -> TypedValues.epochMicros(TypedValues.utc(string(kind, text)));
                case TEXT -> Binary.fromString(text);
                case JSON -> Binary.fromString(TypedValues.jsonText(kind == JsonToken.VALUE_STRING, text));
            };
        }

        private static Object decimal(ColumnType type, String text) {
            BigDecimal exact = new BigDecimal(text).setScale(type.scale(), RoundingMode.UNNECESSARY);
            if (exact.precision() > type.precision()) throw new ArithmeticException("more digits than the column");
            return switch (ParquetSchema.decimalStorage(type.precision())) {
                case INT32 -> exact.unscaledValue().intValueExact();
                case INT64 -> exact.unscaledValue().longValueExact();
                default -> Binary.fromConstantByteArray(exact.unscaledValue().toByteArray());
            };
        }

        private static String number(JsonToken kind, String text) {
            if (kind != JsonToken.VALUE_NUMBER_INT && kind != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new IllegalArgumentException("not a number");
            }
            return text;
        }

        private static String string(JsonToken kind, String text) {
            if (kind != JsonToken.VALUE_STRING) throw new IllegalArgumentException("not a string");
            return text;
        }
    }
}
