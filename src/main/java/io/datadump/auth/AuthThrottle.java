package io.datadump.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down guessing: a client address that presented more than {@link #LIMIT} unknown or missing keys within
 * {@link #WINDOW} gets 429 for further failed attempts until the window ends. Valid keys are never slowed, even from a
 * throttled address (a BI tool behind the same NAT as a misconfigured one keeps working).
 */
final class AuthThrottle {
    static final int LIMIT = 30;
    static final Duration WINDOW = Duration.ofMinutes(1);

    private record Window(long startedNanos, AtomicInteger failures) {}

    private final Cache<String, Window> windows =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(WINDOW).build();

    /** Counts a failed attempt; the seconds to wait if the address is over its limit, else 0. */
    long failed(String address) {
        Window w = windows.get(address, a -> new Window(System.nanoTime(), new AtomicInteger()));
        if (w.failures().incrementAndGet() <= LIMIT) return 0;
        long left = WINDOW.toNanos() - (System.nanoTime() - w.startedNanos());
        return Math.max(1, (left + 999_999_999) / 1_000_000_000);
    }
}
