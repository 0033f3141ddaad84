package io.datadump.auth;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys: 256 random bits, shown once, stored only as their SHA-256. A presented key is hashed and looked
 * up by hash, then compared in constant time. Successful lookups are cached briefly so that a busy BI tool
 * does not cost a database round trip per request; revocation takes effect within {@link #CACHE_TTL}.
 */
public final class ApiKeys {
    public static final Duration CACHE_TTL = Duration.ofSeconds(10);
    private static final String PREFIX = "dd_";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    public record ApiKey(long id, long accountId, String name, String keyPrefix, Instant createdAt,
                         Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
    }

    /** Who a valid key belongs to. */
    public record Principal(long keyId, long accountId) {
    }

    public record CreatedKey(ApiKey key, String secret) {
    }

    private record Cached(Principal principal, byte[] hash, long expiresAtNanos) {
    }

    private final DataSource dataSource;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<Long, Instant> lastUsedWritten = new ConcurrentHashMap<>();

    public ApiKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public CreatedKey create(long accountId, String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = secret.substring(0, PREFIX.length() + 6);
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "INSERT INTO api_keys (account_id, name, key_prefix, key_hash) VALUES (?, ?, ?, ?) RETURNING id, created_at")) {
            ps.setLong(1, accountId);
            ps.setString(2, name);
            ps.setString(3, prefix);
            ps.setBytes(4, sha256(secret));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CreatedKey(new ApiKey(rs.getLong(1), accountId, name, prefix, rs.getTimestamp(2).toInstant(),
                        Optional.empty(), Optional.empty()), secret);
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) throw new IllegalArgumentException("account " + accountId + " does not exist");
            throw new IllegalStateException("could not store API key: " + e.getMessage(), e);
        }
    }

    public List<ApiKey> list(long accountId) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT id, account_id, name, key_prefix, created_at, last_used_at, revoked_at FROM api_keys WHERE account_id = ? ORDER BY id")) {
            ps.setLong(1, accountId);
            List<ApiKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiKey(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                            Optional.ofNullable(rs.getTimestamp(6)).map(Timestamp::toInstant),
                            Optional.ofNullable(rs.getTimestamp(7)).map(Timestamp::toInstant)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Revokes a key; false if there is no such active key. */
    public boolean revoke(long keyId) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "UPDATE api_keys SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")) {
            ps.setLong(1, keyId);
            boolean revoked = ps.executeUpdate() == 1;
            cache.values().removeIf(v -> v.principal().keyId() == keyId);
            return revoked;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public Optional<Principal> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) return Optional.empty();
        byte[] hash = sha256(presented);
        String cacheKey = Base64.getEncoder().encodeToString(hash);
        Cached cached = cache.get(cacheKey);
        long now = System.nanoTime();
        if (cached != null && cached.expiresAtNanos() - now > 0 && MessageDigest.isEqual(cached.hash(), hash)) {
            touch(cached.principal());
            return Optional.of(cached.principal());
        }
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT id, account_id, key_hash FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL")) {
            ps.setBytes(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !MessageDigest.isEqual(rs.getBytes(3), hash)) {
                    cache.remove(cacheKey);
                    return Optional.empty();
                }
                Principal p = new Principal(rs.getLong(1), rs.getLong(2));
                if (cache.size() > 100_000) cache.clear();
                cache.put(cacheKey, new Cached(p, hash, now + CACHE_TTL.toNanos()));
                touch(p);
                return Optional.of(p);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not check API key: " + e.getMessage(), e);
        }
    }

    /** Records last use at most once a minute per key, so authentication stays a read. */
    private void touch(Principal p) {
        Instant now = Instant.now();
        Instant last = lastUsedWritten.get(p.keyId());
        if (last != null && Duration.between(last, now).compareTo(LAST_USED_RESOLUTION) < 0) return;
        lastUsedWritten.put(p.keyId(), now);
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("UPDATE api_keys SET last_used_at = now() WHERE id = ?")) {
            ps.setLong(1, p.keyId());
            ps.executeUpdate();
        } catch (SQLException ignored) {
            // last_used_at is informational
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
