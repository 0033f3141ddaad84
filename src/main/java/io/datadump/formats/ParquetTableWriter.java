package io.datadump.formats;

import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
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
 * file writer gets a stream, the pages {@link ParquetCodecs}' ZSTD, and their buffers are reused ({@link
 * ParquetBuffers}).
 *
 * <p>Values go straight to parquet-java's column writers with their repetition and definition levels, which a flat row
 * (and a list's three-level layout) makes simple, instead of through its record layer ({@code ParquetWriter} and a
 * {@code RecordConsumer}), which looks up each field by name and fills in the missing ones per row: the same encoders,
 * pages and file layout, and a quarter less of the writer thread's CPU (1,000,000 contacts: 10.8 s, then 8.1 s).
 */
final class ParquetTableWriter {
    /**
     * Row groups of 16 MiB (one is buffered, encoded, before it is written): DuckDB still reads a row group per thread;
     * larger ones saved 3 % of the file's size and no time.
     */
    static final long ROW_GROUP_BYTES = 16L << 20;

    /**
     * Pages and dictionaries of 64 KiB. Every column has a page open at once, so this is what a row group keeps in
     * flight besides its written pages: with 256 KiB, the 100 columns of contacts held more than G1's survivor space,
     * and 200 MB of page buffers were promoted to die in the old generation; with 64 KiB and {@link ParquetBuffers}
     * 60 MB were, and peak RSS with -Xmx256m went from 302-407 MB to 278-321 MB, the file 4 % larger (1,000,000
     * contacts, measured).
     */
    static final int PAGE_BYTES = 64 << 10;

    /** How often the buffered size is checked against the row group's, in rows: it asks every column. */
    private static final int MIN_ROWS_BETWEEN_CHECKS = 100;

    private static final int MAX_ROWS_BETWEEN_CHECKS = 10_000;

    private final MessageType schema;
    private final ParquetFileWriter file;
    private final PrimitiveTypeName[] storage;
    private final boolean[] lists;
    /** A column's definition level when it holds a value: 1 if it may be null, else 0 (for a list: of the list). */
    private final int[] definedLevels;

    /** One for every column: pages are written one at a time. */
    private final BytesInputCompressor compressor;

    private final ParquetProperties properties = ParquetProperties.builder()
            .withPageSize(PAGE_BYTES)
            .withDictionaryPageSize(PAGE_BYTES)
            .withAllocator(new ParquetBuffers())
            .build();

    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private int rowGroups;
    private long rowsInGroup;
    private long nextCheck = MIN_ROWS_BETWEEN_CHECKS;

    private ParquetTableWriter(
            OutputStream out, MessageType schema, List<TypedColumn> columns, BytesInputCompressor compressor)
            throws IOException {
        this.schema = schema;
        this.compressor = compressor;
        this.file = new ParquetFileWriter(
                new StreamOutputFile(out),
                schema,
                ParquetFileWriter.Mode.CREATE,
                ROW_GROUP_BYTES,
                0, // no padding: the output is a stream, not an HDFS block
                null,
                properties);
        int n = columns.size();
        storage = new PrimitiveTypeName[n];
        lists = new boolean[n];
        definedLevels = new int[n];
        for (int c = 0; c < n; c++) {
            storage[c] = ParquetSchema.storage(columns.get(c).type());
            lists[c] = columns.get(c).type().list();
            definedLevels[c] = columns.get(c).nullable() ? 1 : 0;
        }
        file.start();
        startRowGroup();
    }

    /**
     * Writes every row of the table file {@code in} (whose rows have {@code keys} in that order) to {@code out} as
     * {@code columns}, in their order; returns the rows written.
     */
    static long write(
            InputStream in,
            OutputStream out,
            String table,
            List<String> keys,
            List<TypedColumn> columns,
            ValueMisfits misfits)
            throws IOException {
        long count = 0;
        try (TypedBatches rows = new TypedBatches(in, "parquet " + table, keys, columns, misfits)) {
            BytesInputCompressor compressor = ParquetCodecs.zstdPages();
            try {
                ParquetTableWriter writer =
                        new ParquetTableWriter(out, ParquetSchema.of(table, columns), columns, compressor);
                for (TypedBatch batch; (batch = rows.next()) != null; rows.recycle(batch)) {
                    for (int r = 0; r < batch.rows; r++) writer.add(batch, r);
                    count += batch.rows;
                }
                writer.finish();
            } finally {
                compressor.release(); // a native context
            }
        }
        return count;
    }

    private void startRowGroup() {
        pages = ColumnChunkPageWriteStore.builder()
                .withSchema(schema)
                .withAllocator(properties.getAllocator())
                .withCompressorProvider(column -> compressor)
                .withColumnIndexTruncateLength(properties.getColumnIndexTruncateLength())
                .withPageWriteChecksumEnabled(properties.getPageWriteChecksumEnabled())
                .withRowGroupOrdinal(rowGroups)
                .build();
        store = properties.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> leaves = schema.getColumns(); // one leaf a column, in the columns' order
        writers = new ColumnWriter[leaves.size()];
        for (int c = 0; c < writers.length; c++) writers[c] = store.getColumnWriter(leaves.get(c));
    }

    private void add(TypedBatch batch, int row) throws IOException {
        int first = row * batch.columns;
        for (int c = 0; c < writers.length; c++) {
            ColumnWriter w = writers[c];
            int i = first + c;
            if (!batch.present[i]) w.writeNull(0, 0);
            else if (lists[c])
                addList(w, storage[c], definedLevels[c], batch.elements(), batch.starts[i], batch.lengths[i]);
            else if (storage[c] == PrimitiveTypeName.BINARY) w.write(binary(batch, i), 0, definedLevels[c]);
            else addValue(w, storage[c], batch.longs[i], 0, definedLevels[c]);
        }
        store.endRecord();
        rowsInGroup++;
        if (rowsInGroup >= nextCheck) checkRowGroupSize();
    }

    /** A value kept in a long: an integer, a date, a timestamp, an unscaled decimal, a boolean, a float's bits. */
    private static void addValue(ColumnWriter w, PrimitiveTypeName storage, long l, int repetition, int definition) {
        switch (storage) {
            case INT32 -> w.write((int) l, repetition, definition);
            case INT64 -> w.write(l, repetition, definition);
            case FLOAT -> w.write((float) Double.longBitsToDouble(l), repetition, definition);
            case DOUBLE -> w.write(Double.longBitsToDouble(l), repetition, definition);
            case BOOLEAN -> w.write(l != 0, repetition, definition);
            default -> throw new IllegalStateException(storage + " is no value kept in a long");
        }
    }

    /**
     * A text or JSON value: a reused slice, as parquet-java copies what it keeps (a dictionary entry); a wide decimal:
     * its unscaled value's big-endian bytes.
     */
    private static Binary binary(TypedBatch batch, int i) {
        BigDecimal wide = batch.wideDecimals[i];
        if (wide != null)
            return Binary.fromConstantByteArray(wide.unscaledValue().toByteArray());
        return Binary.fromReusedByteArray(batch.text, batch.starts[i], batch.lengths[i]);
    }

    /**
     * A list in Parquet's three levels ({@code column / list (repeated) / element (optional)}): an empty list defines
     * the column only, a null element the list entry, a value the element; the first entry starts the row.
     */
    private static void addList(
            ColumnWriter w, PrimitiveTypeName storage, int listDefined, TypedBatch elements, int first, int count) {
        if (count == 0) {
            w.writeNull(0, listDefined);
            return;
        }
        for (int e = first; e < first + count; e++) {
            int repetition = e == first ? 0 : 1;
            if (!elements.present[e]) w.writeNull(repetition, listDefined + 1);
            else if (storage == PrimitiveTypeName.BINARY) w.write(binary(elements, e), repetition, listDefined + 2);
            else addValue(w, storage, elements.longs[e], repetition, listDefined + 2);
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
