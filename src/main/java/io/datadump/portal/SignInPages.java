package io.datadump.portal;

import io.datadump.access.ApiException;
import io.datadump.accounts.Account;
import io.datadump.accounts.Accounts;
import io.datadump.auth.ApiKeys;
import io.datadump.auth.AuthThrottle;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Signing in with an API key (the key is sent once, in the form's body, and never kept), signing out, the language. */
public final class SignInPages {
    static final String SIGN_IN_COOKIE = "dd_signin";

    private final PortalSessions sessions;
    private final ApiKeys apiKeys;
    private final Accounts accounts;
    private final Pages pages;
    private final Optional<String> publicUrl;
    private final AuthThrottle throttle = new AuthThrottle(AuthThrottle.SIGN_IN_LIMIT);

    public SignInPages(
            PortalSessions sessions, ApiKeys apiKeys, Accounts accounts, Pages pages, Optional<String> publicUrl) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.accounts = accounts;
        this.pages = pages;
        this.publicUrl = publicUrl;
    }

    void signInPage(Context ctx) {
        Locale locale = PortalWeb.locale(ctx);
        String notice = ctx.queryParam("signed_out") != null
                ? Pages.text(locale, "signin.signedout")
                : ctx.queryParam("expired") != null ? Pages.text(locale, "signin.expired") : null;
        renderSignIn(ctx, 200, locale, notice, null);
    }

    void renderSignIn(Context ctx, int status, Locale locale, String notice, String error) {
        String csrf = sessions.randomToken();
        PortalWeb.setCookie(ctx, publicUrl, SIGN_IN_COOKIE, csrf, -1);
        Map<String, Object> model = new HashMap<>();
        model.put("lang", locale.getLanguage());
        model.put("csrf", csrf);
        model.put("notice", notice);
        model.put("error", error);
        PortalWeb.html(ctx, status, pages.render("sign-in", locale, model));
    }

    /** The sign-in page again with what failed, its error code named for the refusal log as the API's are. */
    private void refused(Context ctx, int status, String code, Locale locale, String error) {
        ctx.attribute(ApiException.CODE_ATTRIBUTE, code);
        renderSignIn(ctx, status, locale, null, error);
    }

    void signIn(Context ctx) {
        Locale locale = PortalWeb.locale(ctx);
        String expected = ctx.cookie(SIGN_IN_COOKIE);
        if (!PortalWeb.same(expected, ctx.formParam("csrf"))) {
            refused(ctx, 403, "invalid_form", locale, Pages.text(locale, "signin.error.form"));
            return;
        }
        String key = ctx.formParam("api_key");
        if (key == null || key.isBlank()) {
            refused(ctx, 400, "missing_api_key", locale, Pages.text(locale, "signin.error.missing"));
            return;
        }
        // a throttled address is answered from the cache: it does not reach the database
        Optional<ApiKeys.Principal> principal =
                apiKeys.authenticate(key.strip(), throttle.mayLookUp(ctx.req().getRemoteAddr()));
        if (principal.isEmpty()) {
            long wait = throttle.failed(ctx.req().getRemoteAddr());
            if (wait > 0) {
                ctx.header("Retry-After", Long.toString(wait));
                refused(ctx, 429, "too_many_requests", locale, Pages.text(locale, "signin.error.throttled", wait));
            } else {
                refused(ctx, 401, "invalid_api_key", locale, Pages.text(locale, "signin.error.invalid"));
            }
            return;
        }
        Account account = accounts.get(principal.get().accountId());
        if (!account.datadumpEnabled()) {
            refused(ctx, 403, "datadump_not_enabled", locale, Pages.text(locale, "signin.error.disabled"));
            return;
        }
        String keyName = apiKeys.list(account.id()).stream()
                .filter(k -> k.id() == principal.get().keyId())
                .map(k -> k.name() == null ? k.keyPrefix() + "…" : k.name())
                .findFirst()
                .orElse("");
        PortalSessions.Opened opened =
                sessions.open(account.id(), principal.get().keyId(), keyName);
        PortalWeb.setCookie(ctx, publicUrl, PortalSessions.COOKIE, opened.token(), -1);
        PortalWeb.setCookie(ctx, publicUrl, SIGN_IN_COOKIE, "", 0);
        ctx.redirect("/portal", HttpStatus.SEE_OTHER);
    }

    void signOut(Context ctx) {
        Optional<PortalSessions.Session> session = sessions.find(ctx.cookie(PortalSessions.COOKIE));
        if (session.isPresent()) {
            SignedIn.requireCsrf(ctx, session.get());
            sessions.close(ctx.cookie(PortalSessions.COOKIE));
        }
        PortalWeb.setCookie(ctx, publicUrl, PortalSessions.COOKIE, "", 0);
        ctx.redirect("/portal/sign-in?signed_out=1", HttpStatus.SEE_OTHER);
    }

    void language(Context ctx) {
        String lang = PortalLocale.parse(ctx.pathParam("arg"))
                .orElse(PortalLocale.ENGLISH)
                .getLanguage();
        String back = ctx.queryParam("back");
        boolean safe = back != null && back.matches("/portal[A-Za-z0-9/._?=&%-]*") && !back.contains("//");
        PortalWeb.setCookie(ctx, publicUrl, PortalLocale.COOKIE, lang, 365 * 24 * 3600);
        ctx.redirect(safe ? back : "/portal", HttpStatus.SEE_OTHER);
    }
}
