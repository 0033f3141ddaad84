package io.datadump.dump;

/**
 * Text as the content of a JSON string, escaped exactly as PostgreSQL's escape_json does it: {@code \"}, {@code \\},
 * {@code \b \f \n \r \t}, and a six-byte escape with lower-case hex digits for the other control bytes (Jackson writes upper-case
 * hex, which parses the same but is not the same bytes). Everything else, UTF-8 included, is copied as it is.
 */
final class JsonText {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private JsonText() {}

    /** Appends one byte to {@code out} at {@code n}, escaped; returns the new length. {@code out} has room for 6. */
    static int escape(byte b, byte[] out, int n) {
        byte shortForm = switch (b) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\t' -> 't';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> 0;
        };
        if (shortForm != 0) {
            out[n++] = '\\';
            out[n++] = shortForm;
        } else if ((b & 0xff) < 0x20) {
            out[n++] = '\\';
            out[n++] = 'u';
            out[n++] = '0';
            out[n++] = '0';
            out[n++] = HEX[(b >> 4) & 0xf];
            out[n++] = HEX[b & 0xf];
        } else {
            out[n++] = b;
        }
        return n;
    }
}
