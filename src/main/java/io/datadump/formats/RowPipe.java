package io.datadump.formats;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A table file's rows parsed, and made into what a writer takes ({@code T}), on a thread of their own and handed over in
 * batches, so that a typed writer's encoding (Parquet, xlsx) and the JSON parsing and typing run on two cores: parsing
 * and typing are about two fifths of a Parquet conversion's work. At most {@link #BATCHES} batches of {@link #BATCH}
 * rows wait, so memory stays bounded.
 */
final class RowPipe<T> implements AutoCloseable {
    private static final int BATCH = 256;
    private static final int BATCHES = 8;
    private static final Object[] END = new Object[0];

    private final BlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(BATCHES);
    private final Thread reader;
    private volatile Throwable failure;
    private Object[] batch = new Object[0];
    private int next;

    /**
     * Starts reading {@code rows}, each made into a {@code T} by {@code typing} on the reader's thread, right after it
     * is parsed ({@link JsonRows#current} or {@link JsonRows#take}).
     */
    RowPipe(JsonRows rows, Function<JsonRows, T> typing, String name) {
        reader = new Thread(() -> read(rows, typing), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(JsonRows rows, Function<JsonRows, T> typing) {
        try {
            try {
                Object[] b = new Object[BATCH];
                int n = 0;
                while (rows.next()) {
                    b[n++] = typing.apply(rows);
                    if (n == BATCH) {
                        queue.put(b);
                        b = new Object[BATCH];
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
    @SuppressWarnings("unchecked")
    T next() throws IOException {
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
        return (T) batch[next++];
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
