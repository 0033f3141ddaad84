package io.datadump.formats;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The typed value of a dumped value's text, as the typed formats need it; each throws on a text that does not fit. */
final class TypedValues {
    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private TypedValues() {}

    /** java.time's reading of a timestamp in UTC: without zone (timestamp, UTC) or with its offset (timestamptz). */
    private static LocalDateTime parsed(String text) {
        if (text.length() > 19 && (text.indexOf('+', 19) > 0 || text.indexOf('-', 19) > 0 || text.endsWith("Z"))) {
            return OffsetDateTime.parse(text)
                    .withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime();
        }
        return LocalDateTime.parse(text);
    }

    /**
     * A timestamp's microseconds since 1970 in UTC. The form PostgreSQL writes for a timestamp, {@code
     * 2024-07-06T19:03:02.02612}, is read digit by digit (java.time's parser was 8 % of a Parquet conversion); any
     * other form (an offset, a year past 9999) goes through java.time.
     */
    static long epochMicros(CharSequence text) {
        int n = text.length();
        if (n < 19
                || n > 26
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || (n > 19 && (text.charAt(19) != '.' || n == 20))) {
            return ChronoUnit.MICROS.between(EPOCH, parsed(text.toString()));
        }
        long days = plainEpochDay(text);
        int hour = digits(text, 11, 13), minute = digits(text, 14, 16), second = digits(text, 17, 19);
        int fraction = n > 19 ? digits(text, 20, n) : 0;
        if (days == Long.MIN_VALUE
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || fraction < 0) {
            return ChronoUnit.MICROS.between(EPOCH, parsed(text.toString())); // throws for what is no timestamp
        }
        for (int i = n; i < 26; i++) fraction *= 10; // ".02612" is 26120 microseconds
        return ((days * 86_400 + hour * 3_600 + minute * 60 + second) * 1_000_000) + fraction;
    }

    /**
     * A decimal's unscaled value at {@code scale} ("12.5" at scale 2 is 1250), read digit by digit; {@link
     * Long#MIN_VALUE} where the text is not a plain decimal with at most {@code scale} digits after the point and at most
     * {@code precision} digits in all (the caller then takes BigDecimal's way, which says why it does not fit).
     */
    static long unscaled(CharSequence text, int scale, int precision) {
        int n = text.length(), i = 0;
        boolean negative = n > 0 && text.charAt(0) == '-';
        if (negative) i++;
        long value = 0;
        int digits = 0, fractionDigits = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
                continue;
            }
            if (c < '0' || c > '9') return Long.MIN_VALUE;
            if (fractionDigits >= 0 && ++fractionDigits > scale) return Long.MIN_VALUE;
            if (value != 0 || c != '0') digits++;
            if (digits > 18) return Long.MIN_VALUE;
            value = value * 10 + (c - '0');
        }
        if (fractionDigits == 0 || (negative && n == 1) || n == 0) return Long.MIN_VALUE;
        if (digits > precision) return Long.MIN_VALUE;
        for (int f = Math.max(fractionDigits, 0); f < scale; f++) {
            value *= 10; // at most 18 digits so far: no overflow before the check below returns
            if (value != 0 && ++digits > precision) return Long.MIN_VALUE;
        }
        return negative ? -value : value;
    }

    /** The decimal number in text[from, to), or -1 if a character is no digit. */
    private static int digits(CharSequence text, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** A timestamp as the dump writes it (timestamp, or timestamptz with its offset), in UTC. */
    static LocalDateTime utc(String text) {
        return utc(epochMicros(text));
    }

    /** A timestamp's microseconds since 1970, in UTC. */
    static LocalDateTime utc(long micros) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1_000, ZoneOffset.UTC);
    }

    /** A date's days since 1970: {@code 2024-07-06} digit by digit, any other form through java.time. */
    static int epochDay(CharSequence text) {
        long days = text.length() == 10 ? plainEpochDay(text) : Long.MIN_VALUE;
        return Math.toIntExact(
                days != Long.MIN_VALUE ? days : LocalDate.parse(text).toEpochDay());
    }

    /**
     * The days since 1970 of the {@code yyyy-mm-dd} that starts {@code text} (at least 10 characters), read digit by
     * digit; {@link Long#MIN_VALUE} where those are not digits and dashes. An impossible date (February 30) throws.
     */
    private static long plainEpochDay(CharSequence text) {
        int year = digits(text, 0, 4), month = digits(text, 5, 7), day = digits(text, 8, 10);
        if (year < 0 || month < 0 || day < 0 || text.charAt(4) != '-' || text.charAt(7) != '-') return Long.MIN_VALUE;
        return LocalDate.of(year, month, day).toEpochDay();
    }

    static boolean bool(CharSequence text) {
        if ("true".contentEquals(text)) return true;
        if ("false".contentEquals(text)) return false;
        throw new IllegalArgumentException("not a boolean");
    }

    /** A value's JSON text: strings quoted again (a JSON-typed column holding a string), anything else as written. */
    static String jsonText(boolean string, String text) {
        return string ? '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"' : text;
    }
}
