package io.datadump.dump;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Writes plain (unescaped) text as a JSON string. */
final class TextWriter implements ColumnWriter {
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
        for (; i < end; i++) n = JsonText.escape(b[i], scratch, n);
        out.writeRawUTF8String(scratch, 0, n);
    }
}
