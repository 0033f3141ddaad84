package io.datadump.formats;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A table file's rows parsed and made into what a typed writer takes, on a thread of their own, and handed over in
 * batches, so that the writer's encoding (Parquet, xlsx) and the parsing and typing run on two cores. The batches go
 * round: the writer gives each back ({@link #recycle}) and the reader fills it again, so memory is the batches' and
 * stays bounded whatever the table's size, and a Parquet conversion allocates no row.
 */
final class BatchPipe<B> implements AutoCloseable {
    /** Fills a batch with the next rows; false once the rows are all read (the batch may still hold some). */
    interface Filler<B> {
        boolean fill(B batch) throws IOException;
    }

    private static final Object END = new Object();

    private final BlockingQueue<B> free;
    private final BlockingQueue<Object> filled;
    private final Thread reader;
    private volatile Throwable failure;
    private boolean ended;

    /** Starts filling {@code batches} (at least two: one is filled while the writer writes another) with {@code filler}. */
    BatchPipe(List<B> batches, Filler<B> filler, String name) {
        free = new ArrayBlockingQueue<>(batches.size(), false, batches);
        filled = new ArrayBlockingQueue<>(batches.size() + 1);
        reader = new Thread(() -> read(filler), name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(Filler<B> filler) {
        try {
            try {
                for (boolean more = true; more; ) {
                    B batch = free.take();
                    more = filler.fill(batch);
                    filled.put(batch);
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Throwable e) { // an Error too: the writer must not wait for an END that never comes
                failure = e;
            }
            filled.put(END);
        } catch (InterruptedException e) {
            // closed by the writer: nobody waits for more rows
        }
    }

    /** The next filled batch, or null after the last; a parse failure is thrown here, on the writer's thread. */
    @SuppressWarnings("unchecked")
    B next() throws IOException {
        if (ended) return null;
        Object next;
        try {
            next = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while converting", e);
        }
        if (next != END) return (B) next;
        ended = true;
        if (failure instanceof IOException io) throw io;
        if (failure instanceof RuntimeException e) throw e;
        if (failure != null) throw (Error) failure;
        return null;
    }

    /** Gives a batch the writer is done with back to be filled again. */
    void recycle(B batch) {
        free.add(batch);
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
