package io.datadump.portal;

import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The session behind a request: required by every page but sign-in, its CSRF token by every form. */
public final class SignedIn {
    /** Thrown where a page needs a session and the request has none: answered by a redirect to sign in. */
    static final class Required extends RuntimeException {
        Required() {
            super(null, null, false, false);
        }
    }

    private final PortalSessions sessions;
    private final Accounts accounts;

    public SignedIn(PortalSessions sessions, Accounts accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    PortalSessions.Session require(Context ctx) {
        return sessions.find(ctx.cookie(PortalSessions.COOKIE)).orElseThrow(Required::new);
    }

    Account account(PortalSessions.Session session) {
        return accounts.get(session.accountId());
    }

    static void requireCsrf(Context ctx, PortalSessions.Session session) {
        if (!PortalWeb.same(session.csrf(), ctx.formParam("csrf"))) {
            ctx.status(403).contentType("text/plain; charset=utf-8");
            throw new ForbiddenResponse("the form had expired: reload the page and try again");
        }
    }

    /** What every signed-in page shows: language, CSRF token, account and key, and where a language switch returns. */
    Map<String, Object> model(Context ctx, PortalSessions.Session session, Account account, Locale locale) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("csrf", session.csrf());
        model.put("accountName", account.name());
        model.put("keyName", session.keyName());
        String query = ctx.queryString();
        model.put("back", ctx.path() + (query == null || query.length() > 200 ? "" : "?" + query));
        return model;
    }
}
