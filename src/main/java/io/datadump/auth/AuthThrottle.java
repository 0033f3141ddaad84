package io.datadump.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows down guessing: a client address that presented more than {@code limit} unknown or missing keys within
 * {@link #WINDOW} gets 429 for further failed attempts until the window ends. Valid keys are never slowed, even from a
 * throttled address (a BI tool behind the same NAT as a misconfigured one keeps working).
 */
public final class AuthThrottle {
    /** Failed API requests a minute per address: a misconfigured BI refresh fails a few dozen times at most. */
    public static final int API_LIMIT = 30;
    /** Failed portal sign-ins a minute per address: a person mistypes a few times. */
    public static final int SIGN_IN_LIMIT = 10;

    static final Duration WINDOW = Duration.ofMinutes(1);
    private final int limit;

    public AuthThrottle(int limit) {
        this.limit = limit;
    }

    private record Window(long startedNanos, AtomicInteger failures, AtomicLong lastLookupNanos) {}

    private final Cache<String, Window> windows =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(WINDOW).build();

    /**
     * Whether a key from {@code address} may be looked up in the database now: always while the address is under its
     * limit; over it, once a second. A flood of wrong keys from one address then costs at most a query a second, and a
     * valid key from a throttled address still gets through within a second (at once if it is cached).
     */
    public boolean mayLookUp(String address) {
        Window w = windows.getIfPresent(address);
        if (w == null || w.failures().get() < limit) return true;
        long now = System.nanoTime(), last = w.lastLookupNanos().get();
        return now - last >= LOOKUP_EVERY.toNanos() && w.lastLookupNanos().compareAndSet(last, now);
    }

    private static final Duration LOOKUP_EVERY = Duration.ofSeconds(1);

    private Window window(String address) {
        return windows.get(address, a -> new Window(System.nanoTime(), new AtomicInteger(), new AtomicLong()));
    }

    /** Counts a failed attempt; the seconds to wait if the address is over its limit, else 0. */
    public long failed(String address) {
        Window w = window(address);
        if (w.failures().incrementAndGet() <= limit) return 0;
        long left = WINDOW.toNanos() - (System.nanoTime() - w.startedNanos());
        return Math.max(1, (left + 999_999_999) / 1_000_000_000);
    }
}
