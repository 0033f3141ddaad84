package io.datadump.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.datadump.accounts.AccountNotFoundException;
import io.datadump.db.DataAccessException;
import io.datadump.db.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * API keys: 256 random bits, shown once, stored only as their SHA-256. A presented key is hashed and looked up by
 * hash, then compared in constant time.
 *
 * <p>Lookups are cached by hash: a valid key for {@link #VALID_TTL}, so a busy BI tool does not cost a database round
 * trip per request (revocation on another node takes effect within that time, on this node at once); an unknown key
 * for {@link #INVALID_TTL}, so a client repeating a wrong key, or a flood of random ones, costs at most one query per
 * distinct key in that time. Both are bounded in size.
 */
public final class ApiKeys {
    public static final Duration VALID_TTL = Duration.ofSeconds(10);
    public static final Duration INVALID_TTL = Duration.ofSeconds(2);
    private static final String PREFIX = "dd_";
    private static final int MAX_KEY_LENGTH = 100;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    public record ApiKey(
            long id,
            long accountId,
            String name,
            String keyPrefix,
            Instant createdAt,
            Optional<Instant> lastUsedAt,
            Optional<Instant> revokedAt) {}

    /** Who a valid key belongs to. */
    public record Principal(long keyId, long accountId) {}

    public record CreatedKey(ApiKey key, String secret) {}

    /** A cached lookup: the principal of a valid key, or none for an unknown one. */
    private record Lookup(Optional<Principal> principal) {}

    private final Jdbc jdbc;
    private final SecureRandom random = new SecureRandom();
    private final LongAdder databaseLookups = new LongAdder();
    private final Cache<String, Lookup> lookups = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(Expiry.creating(
                    (String hash, Lookup lookup) -> lookup.principal().isPresent() ? VALID_TTL : INVALID_TTL))
            .build();
    /** Keys whose last_used_at was written within the last minute: authentication stays a read. */
    private final Cache<Long, Boolean> recentlyTouched = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(LAST_USED_RESOLUTION)
            .build();

    public ApiKeys(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public CreatedKey create(long accountId, String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = secret.substring(0, PREFIX.length() + 6);
        byte[] hash = sha256(secret);
        try {
            ApiKey key = jdbc.queryFirst(
                            "INSERT INTO api_keys (account_id, name, key_prefix, key_hash) VALUES (?, ?, ?, ?)"
                                    + " RETURNING id, created_at",
                            rs -> new ApiKey(
                                    rs.getLong(1),
                                    accountId,
                                    name,
                                    prefix,
                                    rs.getTimestamp(2).toInstant(),
                                    Optional.empty(),
                                    Optional.empty()),
                            accountId,
                            name,
                            prefix,
                            hash)
                    .orElseThrow();
            lookups.invalidate(cacheKey(hash));
            return new CreatedKey(key, secret);
        } catch (DataAccessException.ForeignKeyViolation e) {
            throw new AccountNotFoundException(accountId);
        }
    }

    public List<ApiKey> list(long accountId) {
        return jdbc.query(
                "SELECT id, account_id, name, key_prefix, created_at, last_used_at, revoked_at FROM api_keys"
                        + " WHERE account_id = ? ORDER BY id",
                ApiKeys::map,
                accountId);
    }

    /** Revokes a key; false if there is no such active key. On this node it stops working at once. */
    public boolean revoke(long keyId) {
        boolean revoked =
                jdbc.update("UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL", keyId) == 1;
        lookups.asMap()
                .values()
                .removeIf(l -> l.principal().map(p -> p.keyId() == keyId).orElse(false));
        return revoked;
    }

    public Optional<Principal> authenticate(String presented) {
        return authenticate(presented, true);
    }

    /**
     * As {@link #authenticate(String)}; without {@code mayQueryDatabase} (a client that is being throttled) from what
     * is cached only, never with a query.
     */
    public Optional<Principal> authenticate(String presented, boolean mayQueryDatabase) {
        if (!looksLikeKey(presented)) return Optional.empty();
        byte[] hash = sha256(presented);
        Lookup lookup = mayQueryDatabase
                ? lookups.get(cacheKey(hash), k -> lookup(hash))
                : lookups.getIfPresent(cacheKey(hash));
        Optional<Principal> principal = lookup == null ? Optional.empty() : lookup.principal();
        principal.ifPresent(this::touch);
        return principal;
    }

    /** Keys looked up in the database so far (cache misses): what a flood of wrong keys costs it. */
    public long databaseLookups() {
        return databaseLookups.sum();
    }

    /** Whether a string has the shape of a key at all; anything else is refused without hashing or a query. */
    static boolean looksLikeKey(String presented) {
        return presented != null && presented.startsWith(PREFIX) && presented.length() <= MAX_KEY_LENGTH;
    }

    private Lookup lookup(byte[] hash) {
        databaseLookups.increment();
        return new Lookup(jdbc.queryFirst(
                "SELECT id, account_id, key_hash FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
                rs -> MessageDigest.isEqual(rs.getBytes(3), hash) ? new Principal(rs.getLong(1), rs.getLong(2)) : null,
                hash));
    }

    /** Records last use at most once a minute per key. */
    private void touch(Principal p) {
        if (recentlyTouched.asMap().putIfAbsent(p.keyId(), Boolean.TRUE) != null) return;
        try {
            jdbc.update("UPDATE api_keys SET last_used_at = now() WHERE id = ?", p.keyId());
        } catch (DataAccessException ignored) {
            // last_used_at is informational
        }
    }

    private static String cacheKey(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                Optional.ofNullable(rs.getTimestamp(6)).map(Timestamp::toInstant),
                Optional.ofNullable(rs.getTimestamp(7)).map(Timestamp::toInstant));
    }

    /** How a secret is stored: its SHA-256 (API keys here, portal session tokens too). */
    public static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
