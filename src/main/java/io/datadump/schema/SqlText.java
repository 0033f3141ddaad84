package io.datadump.schema;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lexical check that a catalog file holds one query and nothing that writes. It gives an early, clear refusal; the
 * guarantee itself is the source's read-only session and READ ONLY dump transaction, which PostgreSQL enforces for
 * anything a word scan cannot see (a function that writes, nextval).
 */
final class SqlText {
    private static final Set<String> WRITING = Set.of(
            "insert",
            "update",
            "delete",
            "merge",
            "truncate",
            "drop",
            "alter",
            "create",
            "grant",
            "revoke",
            "copy",
            "call",
            "do",
            "lock",
            "vacuum",
            "analyze",
            "refresh",
            "reindex",
            "cluster",
            "comment",
            "listen",
            "notify",
            "prepare",
            "execute",
            "set",
            "reset",
            "discard",
            "begin",
            "commit",
            "rollback",
            "savepoint",
            "into");
    private static final Pattern DOLLAR_QUOTE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern WORD = Pattern.compile("(?<![.\\w$])([A-Za-z_][A-Za-z0-9_$]*)");

    private SqlText() {}

    /** Why the text is not one read-only query, or empty when it is. */
    static Optional<String> whyNotAReadOnlyQuery(String sql) {
        String code = codeOnly(sql).strip();
        while (code.endsWith(";")) code = code.substring(0, code.length() - 1).strip();
        if (code.isEmpty()) return Optional.of("holds no query");
        if (code.contains(";")) return Optional.of("holds more than one statement; a catalog file is one SELECT");
        Matcher m = WORD.matcher(code);
        boolean first = true;
        while (m.find()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            if (first && !word.equals("select") && !word.equals("with")) {
                return Optional.of(
                        "must be a SELECT (or WITH … SELECT), not a statement starting with '" + m.group(1) + "'");
            }
            first = false;
            if (WRITING.contains(word)) {
                return Optional.of("contains '" + m.group(1) + "', which writes or changes the session; datadump only"
                        + " reads the source (quote an identifier of that name: \"" + word + "\")");
            }
        }
        return Optional.empty();
    }

    /** The text with comments, string literals and quoted identifiers blanked out. */
    static String codeOnly(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0, n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) j += 2; // doubled: escaped
                        else break;
                    } else if (c == '\'' && sql.charAt(j) == '\\' && i > 0 && (sql.charAt(i - 1) | 0x20) == 'e') {
                        j += 2; // E'…\'…'
                    } else j++;
                }
                i = j + 1;
                out.append(c == '"' ? " x " : " '' ");
            } else if (c == '$') {
                Matcher tag = DOLLAR_QUOTE.matcher(sql).region(i, n);
                if (tag.lookingAt()) {
                    int end = sql.indexOf(tag.group(), tag.end());
                    i = end < 0 ? n : end + tag.group().length();
                    out.append(" '' ");
                } else {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
