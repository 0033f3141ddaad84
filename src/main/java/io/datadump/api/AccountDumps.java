package io.datadump.api;

import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an API request needs to know of an account, kept for a few seconds: the account (its entitlement) and
 * its current dump with the parsed manifest. Without it every request costs two queries and a manifest parse;
 * with it a BI tool refreshing twenty tables costs two queries instead of forty. Changes made on this node (a dump
 * published, the entitlement switched) are seen at once through {@link #invalidate}; changes made by other
 * nodes within {@link #TTL}.
 */
public final class AccountDumps {
    public static final Duration TTL = Duration.ofSeconds(5);
    private static final int MAX_ENTRIES = 100_000;

    /** The account and its current published dump, if it has one. */
    record Snapshot(Account account, Optional<DumpRun> current) {
    }

    private record Cached(Snapshot snapshot, long expiresAtNanos) {
    }

    private final Accounts accounts;
    private final DumpRuns runs;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final AtomicLong invalidations = new AtomicLong();

    public AccountDumps(Accounts accounts, DumpRuns runs) {
        this.accounts = accounts;
        this.runs = runs;
    }

    Snapshot get(long accountId) {
        long now = System.nanoTime();
        Cached cached = cache.get(accountId);
        if (cached != null && cached.expiresAtNanos() - now > 0) return cached.snapshot();
        long generation = invalidations.get();
        Snapshot fresh = new Snapshot(accounts.get(accountId), runs.current(accountId).filter(r -> r.manifest().isPresent()));
        // an invalidation while this was read may mean it is already stale: answer with it, but do not keep it
        if (invalidations.get() == generation) {
            if (cache.size() >= MAX_ENTRIES) cache.clear();
            cache.put(accountId, new Cached(fresh, now + TTL.toNanos()));
        }
        return fresh;
    }

    /** Forgets what is known of the account: its next request reads it afresh. */
    public void invalidate(long accountId) {
        invalidations.incrementAndGet();
        cache.remove(accountId);
    }
}
