package io.datadump.backup;

/**
 * An optional cap on download speed across all of a pull's threads (like curl's --limit-rate), so a nightly backup
 * does not fill an office line. Zero: no cap.
 */
final class RateLimit {
    private final long bytesPerSecond;
    private final long started = System.nanoTime();
    private long taken;

    RateLimit(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Called after each read; sleeps while the pull is ahead of the allowed rate. */
    void took(long bytes) {
        if (bytesPerSecond <= 0) return;
        long sleepNanos;
        synchronized (this) {
            taken += bytes;
            long due = (long) (taken * 1e9 / bytesPerSecond);
            sleepNanos = due - (System.nanoTime() - started);
        }
        if (sleepNanos > 0) {
            try {
                Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static RateLimit none() {
        return new RateLimit(0);
    }
}
