package io.datadump.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/** A pull's progress line on a terminal, redrawn at most every 200 ms; silent without a terminal. */
final class PullProgress {
    private final PrintStream err;
    private final long dumpId, total;
    private final long started = System.nanoTime();
    private long done, lastDraw;

    PullProgress(PrintStream err, long dumpId, long total) {
        this.err = err;
        this.dumpId = dumpId;
        this.total = Math.max(1, total);
    }

    synchronized void advance(long bytes) {
        done += bytes;
        if (err == null || System.nanoTime() - lastDraw < 200_000_000L) return;
        lastDraw = System.nanoTime();
        int width = 30, filled = (int) Math.min(width, done * width / total);
        err.printf(
                "\rdump %d [%s%s] %3d%% %,.1f MB/s",
                dumpId,
                "#".repeat(filled),
                " ".repeat(width - filled),
                Math.min(100, done * 100 / total),
                done / 1e6 / Math.max((System.nanoTime() - started) / 1e9, 1e-3));
    }

    synchronized void done() {
        if (err != null) err.print("\r" + " ".repeat(60) + "\r");
    }

    /** {@code out}, reporting the bytes written through it to this progress line. */
    OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                advance(len);
            }
        };
    }
}
