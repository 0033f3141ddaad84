package io.datadump.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * One download: a redirect issued ({@code REDIRECT}, no bytes yet) or a file served ({@code FILE}, with the bytes
 * sent). Says who, what and from where, never anything of the dump's content.
 */
public record Download(
        Instant at,
        long accountId,
        Long keyId,
        Kind kind,
        String table,
        String format,
        long dumpId,
        Long bytesSent,
        String clientAddress,
        String userAgent) {
    public enum Kind {
        REDIRECT,
        FILE;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
