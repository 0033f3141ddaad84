package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.accounts.Account;
import io.datadump.auth.ApiKeys;
import io.datadump.auth.AuthThrottle;
import io.datadump.dump.DumpRun;
import io.datadump.wire.ErrorBody;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who is calling: the API key from the {@code X-API-KEY} header, an {@code Authorization: Bearer} header, or the
 * {@code api_key} query parameter (for tools that cannot set headers), in that order. Refuses with 401 without a
 * valid key and 403 when the account lacks the paid feature.
 */
public final class Authenticator {
    static final String HOW =
            "send your API key in the X-API-KEY header, as Authorization: Bearer <key>, or as the api_key query parameter";

    /** An authenticated, entitled caller: its key, account and current dump (if any). */
    record Caller(ApiKeys.Principal principal, Account account, Optional<DumpRun> current) {}

    private final ApiKeys apiKeys;
    private final AccountDumpCache accounts;
    private final AuthThrottle throttle = new AuthThrottle(AuthThrottle.API_LIMIT);

    public Authenticator(ApiKeys apiKeys, AccountDumpCache accounts) {
        this.apiKeys = apiKeys;
        this.accounts = accounts;
    }

    Caller authenticate(Context ctx) {
        String key = presentedKey(ctx).orElseThrow(() -> refuse(ctx, "missing_api_key", "no API key: " + HOW));
        // a throttled address is answered from the cache: its flood of wrong keys does not reach the database
        ApiKeys.Principal principal = apiKeys.authenticate(
                        key, throttle.mayLookUp(ctx.req().getRemoteAddr()))
                .orElseThrow(() -> refuse(ctx, "invalid_api_key", "the API key is unknown or revoked: " + HOW));
        AccountDumpCache.Entry entry = accounts.get(principal.accountId());
        if (!entry.account().datadumpEnabled()) {
            throw new ApiException(
                    403,
                    "datadump_not_enabled",
                    "the datadump is not enabled for this account; it is a premium feature, please contact sales");
        }
        return new Caller(principal, entry.account(), entry.current());
    }

    /**
     * Makes the account's next request read its current dump afresh, where {@code published} was published after the
     * one the cache holds: a client told a run is published then finds its tables at once, also in the moment before
     * the publishing node's own event reaches the cache, and within the cache's TTL of another node's publishing.
     */
    void sawPublished(Caller caller, DumpRun published) {
        if (caller.current().map(current -> current.id() < published.id()).orElse(true))
            accounts.invalidate(caller.account().id());
    }

    /** 401, or 429 once the client's address has failed too often (see {@link AuthThrottle}). */
    private ApiException refuse(Context ctx, String code, String message) {
        long wait = throttle.failed(ctx.req().getRemoteAddr());
        if (wait == 0) return new ApiException(401, code, message);
        ctx.header("Retry-After", Long.toString(wait));
        return new ApiException(
                429,
                ErrorBody.of(
                                "too_many_failed_attempts",
                                "too many requests with a missing or wrong API key from this address; try again in "
                                        + wait + " seconds with a valid key")
                        .withRetryAfterSeconds(wait));
    }

    private static Optional<String> presentedKey(Context ctx) {
        return nonBlank(ctx.header("X-API-KEY"))
                .or(() -> RequestHeaders.bearerToken(ctx.header("Authorization")))
                .or(() -> nonBlank(ctx.queryParam("api_key")));
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.strip());
    }
}
