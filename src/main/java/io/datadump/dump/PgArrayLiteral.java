package io.datadump.dump;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Turns a one-dimensional PostgreSQL array literal ({1,2} or {"a b",NULL,c}) into a JSON array. */
final class PgArrayLiteral {
    private PgArrayLiteral() {
    }

    static void write(String literal, JsonGenerator out, boolean numeric) throws IOException {
        int start = literal.indexOf('{'); // skips a dimension prefix such as [0:1]=
        if (start < 0 || literal.charAt(literal.length() - 1) != '}') {
            throw new IllegalArgumentException("not a one-dimensional array literal");
        }
        out.writeStartArray();
        int i = start + 1, end = literal.length() - 1;
        StringBuilder element = new StringBuilder();
        while (i < end) {
            element.setLength(0);
            boolean quoted = literal.charAt(i) == '"';
            if (quoted) {
                i++;
                while (i < end) {
                    char ch = literal.charAt(i++);
                    if (ch == '\\') element.append(literal.charAt(i++));
                    else if (ch == '"') break;
                    else element.append(ch);
                }
            } else {
                while (i < end && literal.charAt(i) != ',') element.append(literal.charAt(i++));
            }
            if (i < end && literal.charAt(i) == ',') i++;
            if (!quoted && element.toString().equals("NULL")) out.writeNull();
            else if (numeric) out.writeNumber(element.toString());
            else out.writeString(element.toString());
        }
        out.writeEndArray();
    }
}
