package io.datadump.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds on reading what a server sends, which HttpClient's own timeout (up to the headers) does not give: a body
 * stops with a {@link BackupException} when it grows past the size announced for it, when fewer than {@link
 * #MIN_BYTES} arrive in a window (a server that sends a byte every few seconds, or nothing), or when a deadline passes.
 * A timer closes a stalled body under its reader, which then fails at once.
 */
final class BodyWatch implements AutoCloseable {
    /** Bytes a body must deliver in each window: 1 KiB a minute is far below any line a backup runs on. */
    static final long MIN_BYTES = 1024;

    private final Duration window;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "body-watch");
        t.setDaemon(true);
        return t;
    });

    /** The command reading the bodies ("pull", "sync"): errors say to run it again. */
    private final String command;

    BodyWatch(Duration window, String command) {
        this.window = window;
        this.command = command;
    }

    /** A file's body ({@code what} names it in errors): more than the {@code announced} bytes fail. */
    InputStream file(InputStream body, String what, long announced) {
        return watch(new Watched(
                body,
                what,
                announced,
                "the server sent more of " + what + " than the " + announced + " bytes announced; run " + command
                        + " again," + " and if it repeats, check the URL",
                0));
    }

    /** A JSON answer's body: at most {@code maxBytes}, and all of it within {@code deadline}. */
    InputStream answer(InputStream body, String what, long maxBytes, Duration deadline) {
        return watch(new Watched(
                body,
                what,
                maxBytes,
                "the server's answer (" + what + ") is larger than " + (maxBytes >> 20)
                        + " MiB, which no datadump answer is; check the URL",
                System.nanoTime() + deadline.toNanos()));
    }

    private InputStream watch(Watched watched) {
        long period = window.toMillis();
        watched.check = timer.scheduleAtFixedRate(watched::check, period, period, TimeUnit.MILLISECONDS);
        return watched;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private final class Watched extends FilterInputStream {
        private final String what;
        private final long maxBytes;
        private final String tooLong;
        private final long deadlineNanos;
        private final AtomicLong read = new AtomicLong();
        private long readAtLastCheck;
        private volatile String stopped;
        private volatile boolean ended;
        ScheduledFuture<?> check;

        Watched(InputStream in, String what, long maxBytes, String tooLong, long deadlineNanos) {
            super(in);
            this.what = what;
            this.maxBytes = maxBytes;
            this.tooLong = tooLong;
            this.deadlineNanos = deadlineNanos;
        }

        /** On the timer: stops a body that is too slow or too late by closing it under its reader. */
        void check() {
            if (ended) return;
            long now = read.get();
            if (now - readAtLastCheck < MIN_BYTES) {
                stop("the server sent only " + (now - readAtLastCheck) + " bytes of " + what + " in "
                        + window.toSeconds() + " s");
            } else if (deadlineNanos != 0 && System.nanoTime() > deadlineNanos) {
                stop("the server did not finish sending " + what + " in time");
            }
            readAtLastCheck = now;
        }

        private void stop(String reason) {
            stopped = reason;
            try {
                in.close();
            } catch (IOException | RuntimeException e) {
                // the reader learns of it from 'stopped'
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            throwIfStopped();
            int n;
            try {
                long room = maxBytes - read.get(); // one byte past the bound is read, to tell "more" from "exactly"
                n = in.read(b, off, room >= len ? len : (int) room + 1);
            } catch (IOException e) {
                throwIfStopped();
                throw e;
            }
            throwIfStopped(); // a body closed under its reader may look like its end
            if (n < 0) {
                ended = true;
                return n;
            }
            if (read.addAndGet(n) > maxBytes) {
                stop("too long");
                throw new BackupException(tooLong);
            }
            return n;
        }

        private void throwIfStopped() {
            String reason = stopped;
            if (reason != null) throw new BackupException(reason + "; run " + command + " again later");
        }

        @Override
        public void close() throws IOException {
            ended = true;
            if (check != null) check.cancel(false);
            super.close();
        }
    }
}
