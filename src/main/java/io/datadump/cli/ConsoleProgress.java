package io.datadump.cli;

import io.datadump.demo.DemoDataGenerator;
import java.io.PrintStream;

/** A progress bar on stderr, redrawn at most every 200 ms. */
final class ConsoleProgress implements DemoDataGenerator.Progress {
    private final PrintStream err;
    private final long total;
    private final long started = System.nanoTime();
    private long done;
    private long lastDraw;
    private String table = "";

    ConsoleProgress(PrintStream err, long total) {
        this.err = err;
        this.total = Math.max(total, 1);
    }

    @Override
    public void table(String name, long plannedRows) {
        table = name;
        draw(false);
    }

    @Override
    public void rows(long written) {
        done += written;
        draw(false);
    }

    void finish() {
        done = total;
        draw(true);
        err.println();
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < 200_000_000L) return;
        lastDraw = now;
        int width = 30;
        int filled = (int) Math.min(width, done * width / total);
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        err.printf(
                "\r[%s%s] %3d%% %-28s %,10.0f rows/s",
                "#".repeat(filled),
                " ".repeat(width - filled),
                Math.min(100, done * 100 / total),
                table,
                done / seconds);
        err.flush();
    }
}
