package io.datadump.dump;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Passes what is written to a second thread, which writes it to the downstream stream (checksums, gzip,
 * storage). Encoding JSON on one core and compressing, hashing and storing on the other then overlap.
 * Memory is bounded: a fixed set of buffers circulates between the two threads. The thread and the other
 * buffers are only made once the first buffer is full: most tables of most accounts fit in one, and are
 * written on the caller's thread.
 * {@link #close()} waits until everything is written downstream and rethrows the writer's failure, if any;
 * it does not close the downstream stream.
 */
final class HandoffOutputStream extends OutputStream {
    private record Chunk(byte[] bytes, int length) {}

    private static final Chunk END = new Chunk(new byte[0], 0);

    private final OutputStream downstream;
    private final BlockingQueue<Chunk> filled;
    private final BlockingQueue<byte[]> empty;
    private static final int INITIAL_BYTES = 8192;
    private final int buffers;
    private final int bufferSize;
    private final String threadName;
    private Thread writer; // started at the first hand-over
    private volatile Throwable failure;
    private byte[] current;
    private int used;
    private boolean closed;

    HandoffOutputStream(OutputStream downstream, int bufferSize, int buffers, String threadName) {
        this.downstream = downstream;
        this.filled = new ArrayBlockingQueue<>(buffers + 1);
        this.empty = new ArrayBlockingQueue<>(buffers);
        this.buffers = buffers;
        this.threadName = threadName;
        this.bufferSize = bufferSize;
        // grown to bufferSize only as the table needs it: zeroing 26 full buffers was the largest cost of an empty
        // tenant's dump in the profile of 1,000 small tenants
        this.current = new byte[Math.min(INITIAL_BYTES, bufferSize)];
    }

    private void startWriter() {
        for (int i = 1; i < buffers; i++) empty.add(new byte[bufferSize]);
        writer = new Thread(this::drain, threadName);
        writer.setDaemon(true);
        writer.start();
    }

    /** The writer thread: writes chunks until END; after a failure it only recycles them, so the producer never blocks for good. */
    private void drain() {
        try {
            while (true) {
                Chunk chunk = filled.take();
                if (chunk == END) return;
                if (failure == null) {
                    try {
                        downstream.write(chunk.bytes, 0, chunk.length);
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                empty.put(chunk.bytes);
            }
        } catch (InterruptedException e) {
            if (failure == null) failure = e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        if (used == current.length) handOver();
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == current.length) handOver();
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void handOver() throws IOException {
        if (current.length < bufferSize) { // still growing the first buffer
            current = Arrays.copyOf(current, Math.min(current.length * 4, bufferSize));
            return;
        }
        if (writer == null) startWriter();
        rethrowFailure();
        try {
            filled.put(new Chunk(current, used));
            current = empty.take();
            used = 0;
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing over dump output");
        }
    }

    /** Hands over what is buffered and waits until the writer thread has written everything downstream. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        if (writer == null) { // everything fitted in one buffer
            downstream.write(current, 0, used);
            return;
        }
        try {
            if (used > 0 && failure == null) filled.put(new Chunk(current, used));
            filled.put(END);
            writer.join();
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing dump output");
        }
        rethrowFailure();
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof IOException io) throw new IOException(io.getMessage(), io);
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        throw new IOException(t);
    }
}
