package io.datadump.dump;

import io.datadump.db.Handle;
import io.datadump.db.Jdbc;

/**
 * One dump of an account at a time, across all nodes: a PostgreSQL session-level advisory lock keyed by the
 * account, held on the dump's own connection. PostgreSQL releases it by itself when that connection or its node
 * dies, so a crashed node never leaves an account locked.
 */
final class AccountLock {
    /** The first half of the two-int advisory key: datadump's, so other applications' locks never collide. */
    private static final int LOCK_CLASS = 0x0DD0;

    private AccountLock() {}

    static boolean tryLock(Handle handle, long accountId) {
        return handle.queryFirst(
                        "SELECT pg_try_advisory_lock(?, ?)", rs -> rs.getBoolean(1), LOCK_CLASS, (int) accountId)
                .orElse(false);
    }

    static void unlock(Handle handle, long accountId) {
        try {
            handle.queryFirst("SELECT pg_advisory_unlock(?, ?)", rs -> rs.getBoolean(1), LOCK_CLASS, (int) accountId);
        } catch (RuntimeException e) {
            // a broken connection loses its session locks anyway
        }
    }

    /** True while any node holds the account's lock, i.e. a dump of it is running right now. */
    static boolean isHeld(Jdbc jdbc, long accountId) {
        return jdbc.queryFirst(
                        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                                + " AND classid = ? AND objid = ? AND objsubid = 2)",
                        rs -> rs.getBoolean(1),
                        LOCK_CLASS,
                        (int) accountId)
                .orElse(false);
    }
}
