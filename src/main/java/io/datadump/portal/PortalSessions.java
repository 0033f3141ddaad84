package io.datadump.portal;

import io.datadump.auth.ApiKeys;
import io.datadump.db.Jdbc;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed-in portal sessions, in the service database so that any API node answers any of them. The browser holds a
 * random token in an HttpOnly cookie; the database holds only its SHA-256. A session ends on sign-out, after
 * {@code idle} without a request, or when its API key is revoked. Each session has its own CSRF token for its forms.
 */
public final class PortalSessions {
    /** The cookie that carries a session's token. */
    static final String COOKIE = "dd_session";

    /** Within this, a request does not write last_seen_at again: a page with its assets costs one read. */
    private static final Duration TOUCH_RESOLUTION = Duration.ofMinutes(1);

    record Session(long accountId, long keyId, String keyName, String csrf) {}

    record Opened(String token, Session session) {}

    private final Jdbc jdbc;
    private final Duration idle;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PortalSessions(Jdbc jdbc, Duration idle, Clock clock) {
        this.jdbc = jdbc;
        this.idle = idle;
        this.clock = clock;
    }

    Duration idle() {
        return idle;
    }

    Opened open(long accountId, long keyId, String keyName) {
        String token = randomToken();
        String csrf = randomToken();
        jdbc.update(
                "INSERT INTO portal_sessions (token_hash, account_id, key_id, csrf_token, created_at, last_seen_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                ApiKeys.sha256(token),
                accountId,
                keyId,
                csrf,
                clock.instant(),
                clock.instant());
        return new Opened(token, new Session(accountId, keyId, keyName, csrf));
    }

    /** The live session of a token: not idle too long, its key not revoked. Slides its expiry. */
    Optional<Session> find(String token) {
        if (token == null || token.length() != 43) return Optional.empty();
        byte[] hash = ApiKeys.sha256(token);
        Instant now = clock.instant();
        record Found(Session session, Instant lastSeen) {}
        Optional<Found> found = jdbc.queryFirst(
                """
                SELECT s.account_id, s.key_id, k.name, s.csrf_token, s.last_seen_at
                FROM portal_sessions s JOIN api_keys k ON k.id = s.key_id
                WHERE s.token_hash = ? AND k.revoked_at IS NULL AND s.last_seen_at > ?""",
                rs -> new Found(
                        new Session(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)),
                        rs.getTimestamp(5).toInstant()),
                hash,
                now.minus(idle));
        found.filter(f -> f.lastSeen().isBefore(now.minus(TOUCH_RESOLUTION)))
                .ifPresent(f ->
                        jdbc.update("UPDATE portal_sessions SET last_seen_at = ? WHERE token_hash = ?", now, hash));
        return found.map(Found::session);
    }

    void close(String token) {
        if (token != null) jdbc.update("DELETE FROM portal_sessions WHERE token_hash = ?", ApiKeys.sha256(token));
    }

    /** Deletes sessions idle for longer than allowed; returns how many. */
    public int prune() {
        return jdbc.update(
                "DELETE FROM portal_sessions WHERE last_seen_at < ?",
                clock.instant().minus(idle));
    }

    /** 256 random bits, URL-safe (43 characters). */
    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
