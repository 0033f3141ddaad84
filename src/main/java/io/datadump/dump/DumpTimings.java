package io.datadump.dump;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;

/**
 * Where one dump spent its time, by phase: what {@code dump --timings} and {@code bench} print. The table phases run
 * on several reader threads at once, so they are thread time summed over the readers (a 2-reader dump can show more
 * reading than it took); the others are one thread's. Recorded while the dump runs, read once it has returned.
 */
public final class DumpTimings {
    public enum Phase {
        PREPARE("prepare (run, snapshot, plans)"),
        READ("read and transcode"),
        WRITE("write the rest to storage"),
        CHANGES("count changes"),
        SYNC("sync"),
        PUBLISH("publish"),
        LISTENERS("after publish (webhooks, deliveries, conversions)"),
        PRUNE("prune");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final AtomicLongArray nanos = new AtomicLongArray(Phase.values().length);

    void add(Phase phase, long nanoseconds) {
        nanos.addAndGet(phase.ordinal(), nanoseconds);
    }

    /** Runs {@code work} and adds its time to {@code phase}, also when it fails. */
    <T> T time(Phase phase, DumpFailure.Work<T> work) throws Exception {
        long t0 = System.nanoTime();
        try {
            return work.call();
        } finally {
            add(phase, System.nanoTime() - t0);
        }
    }

    public Map<Phase, Duration> asMap() {
        Map<Phase, Duration> map = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) map.put(p, Duration.ofNanos(nanos.get(p.ordinal())));
        return map;
    }

    /** One line: {@code prepare (run, snapshot, plans) 12 ms · read and transcode 4,321 ms · …}. */
    public String describe() {
        return asMap().entrySet().stream()
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s %,d ms",
                        e.getKey().label(),
                        e.getValue().toMillis()))
                .collect(Collectors.joining(" · "));
    }
}
