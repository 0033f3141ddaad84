package io.datadump.formats;

import io.datadump.schema.TypedColumn;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A table file's rows located in place ({@link TableFileRows}) and typed by their columns ({@link BatchTyping}) into
 * {@link TypedBatch}es on a thread of their own ({@link BatchPipe}), for a typed writer (Parquet, xlsx) to take one
 * at a time and give back: reading and typing on one core, encoding on another, and no row, String or list allocated
 * between them.
 */
final class TypedBatches implements AutoCloseable {
    /** Batches in circulation: one filled, one written, the rest waiting (the reader is the faster). */
    private static final int BATCHES = 4;

    private final TableFileRows rows;
    private final BatchPipe<TypedBatch> pipe;

    /**
     * Starts reading {@code in}, a table file whose rows have {@code keys} in that order, as {@code columns} (in their
     * order); {@code name} names the reading thread.
     */
    TypedBatches(InputStream in, String name, List<String> keys, List<TypedColumn> columns, ValueMisfits misfits) {
        JsonFields fields =
                new JsonFields(keys, columns.stream().map(TypedColumn::name).toList());
        BatchTyping typing = new BatchTyping(columns, misfits);
        List<TypedBatch> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) batches.add(new TypedBatch(columns.size()));
        rows = new TableFileRows(in, fields);
        pipe = new BatchPipe<>(batches, batch -> fill(batch, fields, typing), name);
    }

    /** The next filled batch, or null after the last; a malformed file is thrown here. */
    TypedBatch next() throws IOException {
        return pipe.next();
    }

    /** Gives a batch the writer is done with back to be filled again. */
    void recycle(TypedBatch batch) {
        pipe.recycle(batch);
    }

    /** Reads rows into {@code batch} until it is full; false after the last row. */
    private boolean fill(TypedBatch batch, JsonFields fields, BatchTyping typing) throws IOException {
        batch.clear();
        while (!batch.full()) {
            if (!rows.next()) return false;
            typing.add(fields, batch);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        pipe.close(); // the reader stops before the file it reads is closed
        rows.close();
    }
}
