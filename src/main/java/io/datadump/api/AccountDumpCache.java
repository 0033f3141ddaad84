package io.datadump.api;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import java.time.Duration;
import java.util.Optional;

/**
 * What an API request needs to know of an account, kept for {@link #TTL}: the account (its entitlement) and its
 * current dump with the parsed manifest. Without it every request costs two queries and a manifest parse; with it a BI
 * tool refreshing twenty tables costs two queries instead of forty. Changes made on this node (a dump published, the
 * entitlement switched) are seen at once through {@link #invalidate} (Caffeine also discards a value whose load was
 * under way when it was invalidated); changes made by other nodes within the TTL.
 */
public final class AccountDumpCache {
    public static final Duration TTL = Duration.ofSeconds(5);

    /** The account and its current published dump, if it has one. */
    record Entry(Account account, Optional<DumpRun> current) {}

    private final LoadingCache<Long, Entry> cache;

    public AccountDumpCache(Accounts accounts, DumpRuns runs) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(TTL)
                .build(id -> new Entry(accounts.get(id), runs.current(id).filter(DumpRun::isPublished)));
    }

    Entry get(long accountId) {
        return cache.get(accountId);
    }

    /** Forgets what is known of the account: its next request reads it afresh. */
    public void invalidate(long accountId) {
        cache.invalidate(accountId);
    }
}
