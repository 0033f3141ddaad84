package io.datadump.formats;

import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.io.OutputStream;
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

    private ParquetTableWriter() {}

    /** Writes every row of {@code rows} (holding {@code columns} in order) to {@code out}; returns the rows written. */
    static long write(JsonRows rows, OutputStream out, String table, List<TypedColumn> columns, ValueMisfits misfits)
            throws IOException {
        for (int c = 0; c < columns.size(); c++) if (columns.get(c).type().list()) rows.withElements(c);
        MessageType schema = ParquetSchema.of(table, columns);
        ParquetValues values = new ParquetValues(columns, misfits);
        long count = 0;
        try (RowPipe<ParquetValues.Row> pipe = new RowPipe<>(rows, values::of, "parquet " + table);
                ParquetWriter<ParquetValues.Row> writer = new Builder(new StreamOutputFile(out), schema, columns)
                        .withConf(new PlainParquetConfiguration())
                        .withCodecFactory(ParquetCodecs.INSTANCE)
                        .withCompressionCodec(ParquetCodecs.CODEC)
                        .withRowGroupSize(ROW_GROUP_BYTES)
                        .withPageSize(PAGE_BYTES)
                        .withDictionaryPageSize(PAGE_BYTES)
                        .build()) {
            for (ParquetValues.Row row; (row = pipe.next()) != null; count++) writer.write(row);
        }
        return count;
    }

    private static final class Builder extends ParquetWriter.Builder<ParquetValues.Row, Builder> {
        private final MessageType schema;
        private final List<TypedColumn> columns;

        Builder(StreamOutputFile file, MessageType schema, List<TypedColumn> columns) {
            super(file);
            this.schema = schema;
            this.columns = columns;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<ParquetValues.Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema, columns);
        }

        @Override
        protected WriteSupport<ParquetValues.Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(schema, columns);
        }
    }

    /** Hands a typed row to Parquet's record consumer. */
    private static final class RowWriteSupport extends WriteSupport<ParquetValues.Row> {
        private final MessageType schema;
        private final String[] names;
        private final PrimitiveTypeName[] storage;
        private final boolean[] lists;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema, List<TypedColumn> columns) {
            this.schema = schema;
            this.names = columns.stream().map(TypedColumn::name).toArray(String[]::new);
            this.storage =
                    columns.stream().map(c -> ParquetValues.physical(c.type())).toArray(PrimitiveTypeName[]::new);
            this.lists = new boolean[columns.size()];
            for (int c = 0; c < lists.length; c++)
                lists[c] = columns.get(c).type().list();
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
        public void write(ParquetValues.Row row) {
            consumer.startMessage();
            for (int c = 0; c < names.length; c++) {
                if (!row.present[c]) continue;
                consumer.startField(names[c], c);
                if (lists[c]) writeList(storage[c], (Object[]) row.refs[c]);
                else add(storage[c], row.longs[c], row.doubleAt(c), row.refs[c]);
                consumer.endField(names[c], c);
            }
            consumer.endMessage();
        }

        private void add(PrimitiveTypeName storage, long l, double d, Object ref) {
            switch (storage) {
                case INT32 -> consumer.addInteger((int) l);
                case INT64 -> consumer.addLong(l);
                case FLOAT -> consumer.addFloat((float) d);
                case DOUBLE -> consumer.addDouble(d);
                case BOOLEAN -> consumer.addBoolean(l != 0);
                default -> consumer.addBinary((Binary) ref);
            }
        }

        private void writeList(PrimitiveTypeName storage, Object[] values) {
            consumer.startGroup();
            if (values.length > 0) {
                consumer.startField("list", 0);
                for (Object v : values) {
                    consumer.startGroup();
                    if (v != null) {
                        consumer.startField("element", 0);
                        if (v instanceof Binary b) consumer.addBinary(b);
                        else if (v instanceof Double d) add(storage, 0, d, null);
                        else add(storage, (Long) v, 0, null);
                        consumer.endField("element", 0);
                    }
                    consumer.endGroup();
                }
                consumer.endField("list", 0);
            }
            consumer.endGroup();
        }
    }
}
