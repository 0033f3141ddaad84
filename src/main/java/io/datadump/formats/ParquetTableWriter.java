package io.datadump.formats;

import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Writes a table's rows as one Parquet file with parquet-java, streaming: rows go into row groups of {@link
 * #ROW_GROUP_BYTES}, each written out when full, so memory stays bounded whatever the table's size. No Hadoop: the
 * file writer gets a stream, and the pages {@link ParquetCodecs}' ZSTD.
 *
 * <p>Values go straight to parquet-java's column writers with their repetition and definition levels, which a flat row
 * (and a list's three-level layout) makes simple, instead of through its record layer ({@code ParquetWriter} and a
 * {@code RecordConsumer}), which looks up each field by name and fills in the missing ones per row: the same encoders,
 * pages and file layout, and a quarter less of the writer thread's CPU (1,000,000 contacts: 10.8 s, then 8.1 s).
 */
final class ParquetTableWriter {
    /**
     * Row groups of 16 MiB (one is buffered, encoded, before it is written) and pages and dictionaries of 256 KiB
     * (below G1's humongous size, half a region of a small heap): a 1,000,000-row contacts table converts with -Xmx96m
     * (measured), and DuckDB still reads a row group per thread. Larger ones saved 3 % of the file's size and no time.
     */
    static final long ROW_GROUP_BYTES = 16L << 20;

    static final int PAGE_BYTES = 256 << 10;

    /** How often the buffered size is checked against the row group's, in rows: it asks every column. */
    private static final int MIN_ROWS_BETWEEN_CHECKS = 100;

    private static final int MAX_ROWS_BETWEEN_CHECKS = 10_000;

    private static final ParquetProperties PROPERTIES = ParquetProperties.builder()
            .withPageSize(PAGE_BYTES)
            .withDictionaryPageSize(PAGE_BYTES)
            .build();

    private final MessageType schema;
    private final ParquetFileWriter file;
    private final PrimitiveTypeName[] storage;
    private final boolean[] lists;
    /** A column's definition level when it holds a value: 1 if it may be null, else 0 (for a list: of the list). */
    private final int[] definedLevels;

    /** One for every column: pages are written one at a time. */
    private final BytesInputCompressor compressor = ParquetCodecs.zstdPages();

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private int rowGroups;
    private long rowsInGroup;
    private long nextCheck = MIN_ROWS_BETWEEN_CHECKS;

    private ParquetTableWriter(OutputStream out, MessageType schema, List<TypedColumn> columns) throws IOException {
        this.schema = schema;
        this.file = new ParquetFileWriter(
                new StreamOutputFile(out),
                schema,
                ParquetFileWriter.Mode.CREATE,
                ROW_GROUP_BYTES,
                0, // no padding: the output is a stream, not an HDFS block
                null,
                PROPERTIES);
        int n = columns.size();
        storage = new PrimitiveTypeName[n];
        lists = new boolean[n];
        definedLevels = new int[n];
        for (int c = 0; c < n; c++) {
            storage[c] = ParquetValues.physical(columns.get(c).type());
            lists[c] = columns.get(c).type().list();
            definedLevels[c] = columns.get(c).nullable() ? 1 : 0;
        }
        file.start();
        startRowGroup();
    }

    /** Writes every row of {@code rows} (holding {@code columns} in order) to {@code out}; returns the rows written. */
    static long write(JsonRows rows, OutputStream out, String table, List<TypedColumn> columns, ValueMisfits misfits)
            throws IOException {
        for (int c = 0; c < columns.size(); c++) if (columns.get(c).type().list()) rows.withElements(c);
        ParquetTableWriter writer = new ParquetTableWriter(out, ParquetSchema.of(table, columns), columns);
        ParquetValues values = new ParquetValues(columns, misfits);
        long count = 0;
        try (RowPipe<ParquetValues.Row> pipe = new RowPipe<>(rows, r -> values.of(r.current()), "parquet " + table)) {
            for (ParquetValues.Row row; (row = pipe.next()) != null; count++) writer.add(row);
        }
        writer.finish();
        return count;
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(PROPERTIES.getAllocator())
                .withCompressorProvider(column -> compressor)
                .withColumnIndexTruncateLength(PROPERTIES.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(PROPERTIES.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroups)
                .build();
        store = PROPERTIES.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> leaves = schema.getColumns(); // one leaf a column, in the columns' order
        writers = new ColumnWriter[leaves.size()];
        for (int c = 0; c < writers.length; c++) writers[c] = store.getColumnWriter(leaves.get(c));
    }

    private void add(ParquetValues.Row row) throws IOException {
        for (int c = 0; c < writers.length; c++) {
            ColumnWriter w = writers[c];
            if (!row.present[c]) w.writeNull(0, 0);
            else if (lists[c]) addList(w, storage[c], definedLevels[c], (Object[]) row.refs[c]);
            else addValue(w, storage[c], row.longs[c], row.doubleAt(c), row.refs[c], 0, definedLevels[c]);
        }
        store.endRecord();
        rowsInGroup++;
        if (rowsInGroup >= nextCheck) checkRowGroupSize();
    }

    private static void addValue(
            ColumnWriter w, PrimitiveTypeName storage, long l, double d, Object ref, int repetition, int definition) {
        switch (storage) {
            case INT32 -> w.write((int) l, repetition, definition);
            case INT64 -> w.write(l, repetition, definition);
            case FLOAT -> w.write((float) d, repetition, definition);
            case DOUBLE -> w.write(d, repetition, definition);
            case BOOLEAN -> w.write(l != 0, repetition, definition);
            default -> w.write((Binary) ref, repetition, definition);
        }
    }

    /**
     * A list in Parquet's three levels ({@code column / list (repeated) / element (optional)}): an empty list defines
     * the column only, a null element the list entry, a value the element; the first entry starts the row.
     */
    private static void addList(ColumnWriter w, PrimitiveTypeName storage, int listDefined, Object[] values) {
        if (values.length == 0) {
            w.writeNull(0, listDefined);
            return;
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int repetition = i == 0 ? 0 : 1;
            if (v == null) w.writeNull(repetition, listDefined + 1);
            else if (v instanceof Binary b) w.write(b, repetition, listDefined + 2);
            else if (v instanceof Double d) addValue(w, storage, 0, d, null, repetition, listDefined + 2);
            else addValue(w, storage, (Long) v, 0, null, repetition, listDefined + 2);
        }
    }

    /** Ends the row group when the next rows would take it past its size; else decides when to look again. */
    private void checkRowGroupSize() throws IOException {
        long buffered = store.getBufferedSize();
        long perRow = Math.max(1, buffered / rowsInGroup);
        if (buffered + 2 * perRow >= ROW_GROUP_BYTES) {
            flushRowGroup();
            startRowGroup();
            nextCheck = MIN_ROWS_BETWEEN_CHECKS;
        } else {
            long halfWayToFull = (ROW_GROUP_BYTES - buffered) / perRow / 2;
            nextCheck =
                    rowsInGroup + Math.max(MIN_ROWS_BETWEEN_CHECKS, Math.min(MAX_ROWS_BETWEEN_CHECKS, halfWayToFull));
        }
    }

    private void flushRowGroup() throws IOException {
        try {
            if (rowsInGroup > 0) {
                file.startBlock(rowsInGroup);
                store.flush();
                pages.flushToFileWriter(file);
                file.endBlock();
                rowGroups++;
                rowsInGroup = 0;
            }
        } finally {
            store.close();
            pages.close();
        }
    }

    private void finish() throws IOException {
        flushRowGroup();
        file.end(Map.of("writer", "datadump"));
    }
}
