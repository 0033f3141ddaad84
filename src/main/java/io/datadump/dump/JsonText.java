package io.datadump.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

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

    /** Writes plain (unescaped) text as a JSON string. */
    static final class Writer implements ColumnWriter {
        private byte[] scratch = new byte[256];

        @Override
        public void write(ByteSlice v, JsonGenerator out) throws IOException {
            byte[] b = v.bytes;
            int end = v.offset + v.length, i = v.offset;
            while (i < end && (b[i] & 0xff) >= 0x20 && b[i] != '"' && b[i] != '\\') i++;
            if (i == end) { // nothing to escape: most values
                out.writeRawUTF8String(b, v.offset, v.length);
                return;
            }
            if (scratch.length < v.length * 6) scratch = new byte[v.length * 6];
            int n = i - v.offset;
            System.arraycopy(b, v.offset, scratch, 0, n);
            for (; i < end; i++) n = escape(b[i], scratch, n);
            out.writeRawUTF8String(scratch, 0, n);
        }
    }
}
