package io.datadump.portal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The portal's language: German or English. A choice the person made (the {@code dd_lang} cookie) wins; else the
 * browser's {@code Accept-Language}, by its q-values; else English.
 */
final class PortalLocale {
    static final Locale GERMAN = Locale.GERMAN;
    static final Locale ENGLISH = Locale.ENGLISH;
    static final String COOKIE = "dd_lang";

    private PortalLocale() {}

    static Optional<Locale> parse(String tag) {
        if (tag == null) return Optional.empty();
        return switch (tag.strip().toLowerCase(Locale.ROOT)) {
            case "de" -> Optional.of(GERMAN);
            case "en" -> Optional.of(ENGLISH);
            default -> Optional.empty();
        };
    }

    static Locale choose(String cookie, String acceptLanguage) {
        return parse(cookie).orElseGet(() -> fromAcceptLanguage(acceptLanguage));
    }

    /** The first of German and English the header asks for, by q-value (e.g. "de-DE,de;q=0.9,en;q=0.8"). */
    static Locale fromAcceptLanguage(String header) {
        if (header == null || header.length() > 500) return ENGLISH;
        record Wanted(Locale locale, double q, int order) {}
        List<Wanted> wanted = new ArrayList<>();
        String[] parts = header.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] p = parts[i].strip().split(";");
            String language = p[0].strip();
            int dash = language.indexOf('-');
            Optional<Locale> locale = parse(dash < 0 ? language : language.substring(0, dash));
            double q = 1;
            for (int j = 1; j < p.length; j++) {
                String param = p[j].strip();
                if (param.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(param.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (locale.isPresent() && q > 0) wanted.add(new Wanted(locale.get(), q, i));
        }
        return wanted.stream()
                .max(Comparator.comparingDouble(Wanted::q).thenComparing(w -> -w.order()))
                .map(Wanted::locale)
                .orElse(ENGLISH);
    }
}
