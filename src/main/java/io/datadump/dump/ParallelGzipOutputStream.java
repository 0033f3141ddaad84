package io.datadump.dump;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * gzip compressed on several threads, as pigz does it: the input is cut into blocks, each block is deflated on its
 * own with the 32 KiB before it as its dictionary and ends on a byte boundary (a sync flush), so the compressed
 * blocks join into one ordinary deflate stream in one gzip member that every gzip reader reads. The ratio is that of
 * a single stream within a few bytes per block. Compression, the costliest step of a gzip dump, then uses whichever
 * core is free instead of being one thread that every other stage waits for. Blocks are written in order; memory is
 * bounded by the blocks in flight. {@link #finish()} writes the trailer; the downstream stream is not closed. The
 * blocks are deflated by the {@link GzipEngine}'s deflaters, one per thread.
 */
final class ParallelGzipOutputStream extends OutputStream {
    private static final int DICTIONARY = BlockDeflater.DICTIONARY_BYTES;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff
    }; // deflate, no name, no time, OS unknown

    private final OutputStream out;
    private final int blockSize;
    private final int maxInFlight;
    private final ExecutorService pool;
    private final ArrayDeque<Future<BlockDeflater.Compressed>> inFlight = new ArrayDeque<>();
    private final CRC32 crc = new CRC32();
    private final List<BlockDeflater> allDeflaters = new CopyOnWriteArrayList<>();
    private final ThreadLocal<BlockDeflater> deflaters;
    private long size;
    private byte[] block;
    private int used;
    private byte[] previous; // the last full block: the next one's dictionary
    private boolean headerWritten;
    private boolean finished;

    ParallelGzipOutputStream(OutputStream out, GzipEngine engine, int threads, int blockSize) {
        if (blockSize < DICTIONARY) throw new IllegalArgumentException("block size below " + DICTIONARY);
        this.out = out;
        this.blockSize = blockSize;
        this.maxInFlight = threads * 2;
        this.block = new byte[blockSize];
        this.deflaters = ThreadLocal.withInitial(() -> {
            BlockDeflater d = engine.newDeflater(blockSize);
            allDeflaters.add(d);
            return d;
        });
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "gzip-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) throw new IOException("gzip stream already finished");
        while (len > 0) {
            int n = Math.min(len, blockSize - used);
            System.arraycopy(b, off, block, used, n);
            used += n;
            off += n;
            len -= n;
            if (used == blockSize) submit(false);
        }
    }

    /** Compresses what is left, writes every block and the gzip trailer, and stops the compression threads. */
    void finish() throws IOException {
        if (finished) return;
        try {
            submit(true);
            while (!inFlight.isEmpty()) writeNext();
            long crcValue = crc.getValue();
            byte[] trailer = new byte[8];
            for (int i = 0; i < 4; i++) {
                trailer[i] = (byte) (crcValue >>> (8 * i));
                trailer[4 + i] = (byte) (size >>> (8 * i)); // ISIZE: the length modulo 2^32, as RFC 1952 says
            }
            out.write(trailer);
            finished = true;
        } finally {
            close();
        }
    }

    /** Stops the compression threads and frees their deflaters' native memory; without {@link #finish()} first, the output is incomplete. */
    @Override
    public void close() {
        if (pool.isShutdown()) return;
        pool.shutdownNow();
        try {
            pool.awaitTermination(1, TimeUnit.MINUTES); // a running task may still use its deflater
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        allDeflaters.forEach(BlockDeflater::close);
    }

    private void submit(boolean last) throws IOException {
        byte[] input = block, dictionary = previous;
        int length = used;
        crc.update(input, 0, length);
        size += length;
        if (last && inFlight.isEmpty()) {
            // the only block left (for small tables the only block at all): no point in handing it to a thread
            inFlight.add(CompletableFuture.completedFuture(deflate(dictionary, input, length, true)));
        } else {
            inFlight.add(pool.submit(() -> deflate(dictionary, input, length, last)));
        }
        previous = input;
        block = last ? null : new byte[blockSize];
        used = 0;
        while (inFlight.size() > maxInFlight) writeNext();
    }

    private BlockDeflater.Compressed deflate(byte[] dictionary, byte[] input, int length, boolean last)
            throws IOException {
        return deflaters.get().deflate(dictionary, input, length, last);
    }

    private void writeNext() throws IOException {
        BlockDeflater.Compressed compressed;
        try {
            compressed = inFlight.poll().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compression failed: " + e.getCause(), e.getCause());
        }
        if (!headerWritten) {
            out.write(HEADER);
            headerWritten = true;
        }
        out.write(compressed.bytes(), 0, compressed.length());
    }
}
