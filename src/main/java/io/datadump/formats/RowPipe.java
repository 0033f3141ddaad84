package io.datadump.formats;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A table file's rows parsed on a thread of their own and handed over in batches, so that a typed writer's encoding
 * (Parquet, xlsx) and the JSON parsing run on two cores: the parsing is about a third of a Parquet conversion's work.
 * At most {@link #BATCHES} batches of {@link #BATCH} rows wait, so memory stays bounded.
 */
final class RowPipe implements AutoCloseable {
    private static final int BATCH = 256;
    private static final int BATCHES = 8;
    private static final JsonRows.Row[] END = new JsonRows.Row[0];

    private final BlockingQueue<JsonRows.Row[]> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread reader;
    private volatile Throwable failure;
    private JsonRows.Row[] batch = new JsonRows.Row[0];
    private int next;

    RowPipe(JsonRows rows, String name) {
        reader = new Thread(() -> read(rows), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(JsonRows rows) {
        try {
            try {
                JsonRows.Row[] b = new JsonRows.Row[BATCH];
                int n = 0;
                while (rows.next()) {
                    b[n++] = rows.take();
                    if (n == BATCH) {
                        queue.put(b);
                        b = new JsonRows.Row[BATCH];
                        n = 0;
                    }
                }
                if (n > 0) queue.put(Arrays.copyOf(b, n));
            } catch (IOException | RuntimeException e) {
                failure = e;
            }
            queue.put(END);
        } catch (InterruptedException e) {
            // closed by the writer: nobody waits for more rows
        }
    }

    /** The next row, or null after the last; a parse failure is thrown here, on the writer's thread. */
    JsonRows.Row next() throws IOException {
        while (next == batch.length) {
            if (batch == END) return null;
            try {
                batch = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while converting", e);
            }
            next = 0;
            if (batch == END && failure != null) {
                if (failure instanceof IOException io) throw io;
                throw (RuntimeException) failure;
            }
        }
        return batch[next++];
    }

    /** Stops the reader (if the writer gave up early) and waits for it, so the parser can be closed after. */
    @Override
    public void close() {
        reader.interrupt();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
