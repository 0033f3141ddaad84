package io.datadump.portal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the access log names a client for an office manager: a short name from its user agent ("Power BI", "curl",
 * "Chrome"; the full string stays on hover) and its address as people write it ("::1", not "[0:0:0:0:0:0:0:1]").
 */
final class ClientNames {
    private record Rule(Pattern pattern, String name) {}

    /** First match wins: browsers name their engines' ancestors too (Edge says Chrome and Safari). */
    private static final List<Rule> RULES = List.of(
            rule("Microsoft\\.Data\\.Mashup|PowerBI|Power BI", "Power BI / Excel"),
            rule("Google-Apps-Script|GoogleDocs|Google-Sheets", "Google Sheets"),
            rule("^datadump/", "datadump"),
            rule("DuckDB", "DuckDB"),
            rule("^curl/", "curl"),
            rule("^Wget/", "wget"),
            rule("python-requests|python-urllib|Python-urllib|aiohttp|httpx", "Python"),
            rule("Airbyte", "Airbyte"),
            rule("dlt/", "dlt"),
            rule("Metabase", "Metabase"),
            rule("^Java-http-client|^Java/", "Java"),
            rule("^Go-http-client", "Go"),
            rule("^node-fetch|^undici|axios", "Node.js"),
            rule("Edg/", "Edge"),
            rule("Firefox/", "Firefox"),
            rule("Chrome/|Chromium/", "Chrome"),
            rule("Safari/", "Safari"));

    private ClientNames() {}

    private static Rule rule(String regex, String name) {
        return new Rule(Pattern.compile(regex), name);
    }

    /** A short name for a user agent; one not known is its first product token, at most 24 characters. */
    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) return "";
        for (Rule r : RULES) if (r.pattern().matcher(userAgent).find()) return r.name();
        String first = userAgent.strip().split("[/\\s(]", 2)[0];
        return first.length() > 24 ? first.substring(0, 24) + "…" : first;
    }

    /** An address as people write it: IPv6 shortened, an IPv4 address mapped into IPv6 as IPv4, no brackets. */
    static String address(String raw) {
        if (raw == null || raw.isBlank()) return "";
        String literal = raw.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) literal = literal.substring(1, literal.length() - 1);
        if (!literal.matches("[0-9A-Fa-f:.%a-zA-Z]+") || !(literal.contains(":") || literal.matches("[0-9.]+"))) {
            return raw;
        }
        try {
            InetAddress a = InetAddress.getByName(literal); // a literal: no name is looked up
            if (a instanceof Inet4Address) return a.getHostAddress();
            if (a instanceof Inet6Address) return shorten(((Inet6Address) a).getHostAddress());
        } catch (UnknownHostException e) {
            return raw;
        }
        return raw;
    }

    /** RFC 5952: lower case, leading zeros dropped (Java does both), the longest run of zero groups as "::". */
    private static String shorten(String full) {
        String address = full.contains("%") ? full.substring(0, full.indexOf('%')) : full;
        String[] groups = address.split(":");
        int bestStart = -1, bestLength = 0;
        for (int i = 0; i < groups.length; ) {
            if (!groups[i].equals("0")) {
                i++;
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j].equals("0")) j++;
            if (j - i > bestLength && j - i > 1) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        if (bestStart < 0) return address;
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
