package io.datadump.dump;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Writes one column of the current row as a JSON value. One writer is chosen per column from its PostgreSQL
 * type before the first row, so no per-row type dispatch happens. Values are read as PostgreSQL's own text
 * (the connection disables binary transfer), which is already the JSON shape we want for numbers, dates
 * and json, and needs only 'T' for timestamps: the same rendering as PostgreSQL's to_json.
 */
@FunctionalInterface
interface ColumnWriter {
    final class Json {
        static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();
    }

    void write(ResultSet rs, int column, JsonGenerator out) throws SQLException, IOException;

    static ColumnWriter forType(String pgType) {
        return switch (pgType) {
            case "int2", "int4", "int8", "oid", "smallserial", "serial", "bigserial" -> ColumnWriter::integer;
            case "numeric", "float4", "float8" -> ColumnWriter::number;
            case "bool" -> ColumnWriter::bool;
            case "timestamp", "timestamptz" -> ColumnWriter::timestamp;
            case "json", "jsonb" -> ColumnWriter::json;
            case "_int2", "_int4", "_int8", "_numeric", "_float4", "_float8" -> (rs, c, out) -> array(rs, c, out, true);
            case "_text", "_varchar", "_bpchar", "_date", "_uuid" -> (rs, c, out) -> array(rs, c, out, false);
            default -> ColumnWriter::string; // text, varchar, date, uuid, ...
        };
    }

    private static void integer(ResultSet rs, int c, JsonGenerator out) throws SQLException, IOException {
        String v = rs.getString(c);
        if (v == null) out.writeNull();
        else out.writeNumber(v);
    }

    private static void number(ResultSet rs, int c, JsonGenerator out) throws SQLException, IOException {
        String v = rs.getString(c);
        if (v == null) out.writeNull();
        else if (isSpecial(v)) out.writeString(v); // NaN/Infinity are not JSON numbers; to_json quotes them too
        else out.writeNumber(v);
    }

    private static boolean isSpecial(String v) {
        char first = v.charAt(0);
        return first == 'N' || first == 'I' || (first == '-' && v.length() > 1 && v.charAt(1) == 'I');
    }

    private static void bool(ResultSet rs, int c, JsonGenerator out) throws SQLException, IOException {
        String v = rs.getString(c);
        if (v == null) out.writeNull();
        else out.writeBoolean(v.charAt(0) == 't');
    }

    private static void string(ResultSet rs, int c, JsonGenerator out) throws SQLException, IOException {
        String v = rs.getString(c);
        if (v == null) out.writeNull();
        else out.writeString(v);
    }

    private static void timestamp(ResultSet rs, int c, JsonGenerator out) throws SQLException, IOException {
        String v = rs.getString(c);
        if (v == null) {
            out.writeNull();
            return;
        }
        int space = v.indexOf(' ');
        if (space > 0) {
            char[] chars = v.toCharArray();
            chars[space] = 'T';
            out.writeString(chars, 0, chars.length);
        } else {
            out.writeString(v); // infinity / -infinity
        }
    }

    /** Re-emitted through a parser: compact like the rest of the file, and a malformed value fails loudly. */
    private static void json(ResultSet rs, int c, JsonGenerator out) throws SQLException, IOException {
        String v = rs.getString(c);
        if (v == null) {
            out.writeNull();
            return;
        }
        try (var parser = Json.FACTORY.createParser(v)) {
            parser.nextToken();
            out.copyCurrentStructure(parser);
        }
    }

    private static void array(ResultSet rs, int c, JsonGenerator out, boolean numeric) throws SQLException, IOException {
        String v = rs.getString(c);
        if (v == null) {
            out.writeNull();
            return;
        }
        PgArrayLiteral.write(v, out, numeric);
    }
}
