package io.datadump.api;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused and failed requests, logged in aggregate: a count per status and error code, one line per interval, so no
 * client (least of all one without a valid key) can write more than a bounded amount of log. A server failure logs its
 * first occurrence of an interval with the stack trace, the rest only as a count.
 */
final class RefusalLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RefusalLog.class);

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> tracedThisInterval = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "datadump-refusal-log");
        t.setDaemon(true);
        return t;
    });
    private final long intervalSeconds;

    RefusalLog(long intervalSeconds) {
        this.intervalSeconds = intervalSeconds;
        flusher.scheduleAtFixedRate(this::flush, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    void refused(int status, String code) {
        counts.computeIfAbsent(status + " " + (code == null ? "-" : code), k -> new AtomicLong())
                .incrementAndGet();
    }

    /** A server failure: the first of its kind in an interval is logged with its stack trace. */
    void failed(String method, String path, Exception e) {
        refused(500, "internal_error");
        if (tracedThisInterval.putIfAbsent(e.getClass().getName(), Boolean.TRUE) == null) {
            log.error(
                    "request {} {} failed (further failures of this kind this interval are only counted)",
                    method,
                    path,
                    e);
        }
    }

    /** Writes one line with the interval's counts, if there were any, and starts a new interval. */
    void flush() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((k, v) -> {
            long n = v.getAndSet(0);
            if (n > 0) snapshot.put(k, n);
        });
        tracedThisInterval.clear();
        if (!snapshot.isEmpty()) log.info("refused or failed in the last {} s: {}", intervalSeconds, snapshot);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        flush();
    }
}
