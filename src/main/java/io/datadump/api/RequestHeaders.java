package io.datadump.api;

import java.util.Locale;
import java.util.Optional;

/**
 * The request headers the file endpoint negotiates on, parsed by hand on purpose: Javalin's own range support serves
 * whole local streams, while ranges here are passed down to storage (an S3 ranged GET, a file seek), and a gzip file
 * may be decompressed on the way. Every method is pure and total: malformed input has a defined answer, never an
 * exception.
 */
final class RequestHeaders {
    private RequestHeaders() {}

    /** The answer to a Range header, for a representation of a known size. */
    sealed interface ByteRange {
        /** No usable range (absent, not bytes, several ranges, malformed): answer 200 with everything. */
        record Whole() implements ByteRange {}

        /** Answer 206 with bytes {@code first} to {@code last}, both inclusive. */
        record Part(long first, long last) implements ByteRange {
            long length() {
                return last - first + 1;
            }
        }

        /** Answer 416 (the range starts beyond the end, or asks for the last 0 bytes). */
        record Unsatisfiable() implements ByteRange {}
    }

    /**
     * One byte range of RFC 9110: {@code bytes=first-last}, {@code bytes=first-} or the suffix {@code bytes=-n}. A
     * last position beyond the end is cut to the end. Several ranges are answered with the whole representation,
     * which the RFC allows.
     */
    static ByteRange byteRange(String header, long size) {
        if (header == null) return new ByteRange.Whole();
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) return new ByteRange.Whole();
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) return new ByteRange.Whole();
        Optional<Long> first = position(spec.substring(0, dash).strip());
        Optional<Long> last = position(spec.substring(dash + 1).strip());
        if (spec.substring(0, dash).isBlank()) { // suffix: the last n bytes
            if (last.isEmpty()) return new ByteRange.Whole();
            long n = last.get();
            if (n == 0 || size == 0) return new ByteRange.Unsatisfiable();
            return new ByteRange.Part(Math.max(0, size - n), size - 1);
        }
        if (first.isEmpty()) return new ByteRange.Whole();
        if (!spec.substring(dash + 1).isBlank() && (last.isEmpty() || last.get() < first.get())) {
            return new ByteRange.Whole(); // an invalid range is ignored, not refused
        }
        if (first.get() >= size) return new ByteRange.Unsatisfiable();
        long end = last.map(l -> Math.min(l, size - 1)).orElse(size - 1);
        return new ByteRange.Part(first.get(), end);
    }

    private static Optional<Long> position(String digits) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(digits));
    }

    /**
     * Whether If-None-Match names this entity tag: "*", or any tag of a comma-separated list, compared weakly (a W/
     * prefix on either side is ignored), as RFC 9110 prescribes for If-None-Match.
     */
    static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        String ours = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || opaque(c).equals(ours)) return true;
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    /**
     * Whether the client accepts a gzip-coded body: gzip (or x-gzip) listed with a q-value above 0, or not listed and
     * "*" listed with a q-value above 0. No header means no (a client that says nothing gets the plain JSON).
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        Double gzip = null, any = null;
        for (String part : acceptEncoding.split(",")) {
            String[] params = part.split(";");
            String coding = params[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(params);
            if (coding.equals("gzip") || coding.equals("x-gzip")) gzip = gzip == null ? q : Math.max(gzip, q);
            else if (coding.equals("*")) any = q;
        }
        if (gzip != null) return gzip > 0;
        return any != null && any > 0;
    }

    /** The q parameter of a list element; 1 if absent; 0 if malformed (a value we cannot read is not a yes). */
    private static double quality(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                String v = p.substring(2).strip();
                if (!v.matches("(0(\\.\\d{0,3})?|1(\\.0{0,3})?)")) return 0;
                return Double.parseDouble(v);
            }
        }
        return 1;
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), if that is what it is. */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null) return Optional.empty();
        String a = authorization.strip();
        if (a.length() <= 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
        String token = a.substring(7).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
