package io.datadump.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.schema.TableCatalog;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** What every portal page does alike: read a locale, format a time or a size, answer HTML or JSON, compare tokens. */
final class PortalWeb {
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PortalWeb() {}

    static Optional<Long> positive(String raw) {
        return raw != null && raw.matches("\\d{1,18}") ? Optional.of(Long.parseLong(raw)) : Optional.empty();
    }

    static String format(Instant t, ZoneId zone, DateTimeFormatter f) {
        return f.format(t.atZone(zone));
    }

    /**
     * A moment in the account's time zone, written as the page's language writes it and with the zone's name
     * ("05.12.2026 02:01 MEZ", "2026-12-05 02:01 CET"): the API speaks UTC, and a time without its zone misleads.
     */
    static String time(Instant t, ZoneId zone, Locale locale, boolean seconds) {
        String pattern = (locale.getLanguage().equals("de") ? "dd.MM.yyyy HH:mm" : "yyyy-MM-dd HH:mm")
                + (seconds ? ":ss" : "") + " z";
        return DateTimeFormatter.ofPattern(pattern, locale).format(t.atZone(zone));
    }

    /** A day as the page's language writes it ("05.12.2026", "2026-12-05"). */
    static String date(LocalDate day, Locale locale) {
        return locale.getLanguage().equals("de")
                ? DateTimeFormatter.ofPattern("dd.MM.yyyy").format(day)
                : day.toString();
    }

    /** A day without its year, as a chart's axis writes it ("05.12.", "12-05"). */
    static String dayOfYear(LocalDate day, Locale locale) {
        return DateTimeFormatter.ofPattern(locale.getLanguage().equals("de") ? "dd.MM." : "MM-dd")
                .format(day);
    }

    static String duration(long millis, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(1);
        if (millis < 60_000) return f.format(millis / 1000.0) + " s";
        return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
    }

    static Locale locale(Context ctx) {
        return PortalLocale.choose(ctx.cookie(PortalLocale.COOKIE), ctx.header("Accept-Language"));
    }

    static void html(Context ctx, int status, String html) {
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(html);
    }

    static boolean same(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** A table name the catalog knows, or null (all tables). */
    static String knownTable(TableCatalog catalog, String requested) {
        return requested != null && catalog.find(requested).isPresent() ? requested : null;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(body.toString());
    }

    /** A cookie of the portal: HttpOnly, SameSite=Strict, Secure where the portal is reached over https. */
    static void setCookie(Context ctx, Optional<String> publicUrl, String name, String value, int maxAge) {
        boolean secure = publicUrl.map(u -> u.startsWith("https:")).orElse(false)
                || "https".equalsIgnoreCase(ctx.scheme())
                || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res()
                .addHeader(
                        "Set-Cookie",
                        name + "=" + value + "; Path=/portal; HttpOnly; SameSite=Strict"
                                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (secure ? "; Secure" : ""));
    }
}
