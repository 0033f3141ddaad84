package io.datadump.config;

import io.datadump.formats.Format;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one kind of value each, with one rule per kind for every variable: blank counts as unset; booleans are
 * true/false, yes/no, on/off or 1/0; numbers are whole and within a range; choices are an enum's constants in any
 * case. A value that breaks its rule is a {@link ConfigException} naming the variable, the value (never a secret's)
 * and what is allowed.
 */
final class EnvironmentReader {
    /** host (and port) and database are required: "jdbc:postgresql://" alone would connect to a default database. */
    private static final Pattern JDBC_URL =
            Pattern.compile("jdbc:postgresql://(?:\\[[0-9A-Fa-f:.]+\\]|[^/?#:\\s\\[\\]]+)(?::(\\d+))?(?:,[^/?#\\s]+)*"
                    + "/[^/?#\\s]+(\\?\\S*)?");

    private final Map<String, String> env;
    private final Set<String> read = new TreeSet<>();

    EnvironmentReader(Map<String, String> env) {
        this.env = env;
    }

    Map<String, String> env() {
        return env;
    }

    /** Every variable asked for so far, set or not. */
    Set<String> read() {
        return read;
    }

    Optional<String> string(String name) {
        read.add(name);
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    Path path(String name, Path def) {
        return string(name).map(Path::of).orElse(def).toAbsolutePath().normalize();
    }

    /** An existing directory, if set. */
    Optional<Path> directory(String name) {
        return string(name).map(v -> {
            Path p = Path.of(v).toAbsolutePath().normalize();
            if (!Files.isDirectory(p)) {
                throw new ConfigException(name + " must be an existing directory, not '" + v + "'");
            }
            return p;
        });
    }

    boolean bool(String name, boolean def) {
        return string(name)
                .map(v -> switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1" -> true;
                    case "false", "no", "off", "0" -> false;
                    default ->
                        throw new ConfigException(
                                name + " must be true or false (or yes/no, on/off, 1/0), not '" + v + "'");
                })
                .orElse(def);
    }

    /** One of an enum's constants, written in any case ("auto", "ISAL"). */
    <E extends Enum<E>> E choice(String name, E def) {
        Class<E> type = def.getDeclaringClass();
        return string(name)
                .map(v -> {
                    for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v.trim())) return e;
                    String allowed = Arrays.stream(type.getEnumConstants())
                            .map(e -> e.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
                    throw new ConfigException(name + " must be one of " + allowed + ", not '" + v + "'");
                })
                .orElse(def);
    }

    /** A comma-separated list of formats (none when unset or empty); each must be one the API serves. */
    List<Format> formats(String name) {
        List<Format> out = new ArrayList<>();
        for (String v : string(name).orElse("").split(",")) {
            if (v.isBlank()) continue;
            Format f = Format.parse(v.strip())
                    .orElseThrow(() -> new ConfigException(name + " takes formats from "
                            + String.join(", ", Format.keys()) + ", comma-separated, not '" + v.strip() + "'"));
            if (f == Format.JSON) continue; // the dump's own file: always there
            if (!out.contains(f)) out.add(f);
        }
        return out;
    }

    int integer(String name, int def, int min, int max) {
        return string(name)
                .map(v -> {
                    long i;
                    try {
                        i = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new ConfigException(
                                name + " must be a whole number from " + min + " to " + max + ", not '" + v + "'");
                    }
                    if (i < min || i > max) {
                        throw new ConfigException(name + " must be from " + min + " to " + max + ", not " + v);
                    }
                    return (int) i;
                })
                .orElse(def);
    }

    Duration seconds(String name, int def, int min, int max) {
        return Duration.ofSeconds(integer(name, def, min, max));
    }

    LocalTime time(String name, LocalTime def) {
        return string(name)
                .map(v -> {
                    try {
                        return LocalTime.parse(v);
                    } catch (DateTimeParseException e) {
                        throw new ConfigException(name + " must be a time like 02:00, not '" + v + "'");
                    }
                })
                .orElse(def);
    }

    ZoneId zone(String name, ZoneId def) {
        return string(name)
                .map(v -> {
                    try {
                        return ZoneId.of(v);
                    } catch (RuntimeException e) {
                        throw new ConfigException(name + " must be a time zone like Europe/Berlin, not '" + v + "'");
                    }
                })
                .orElse(def);
    }

    /** An absolute http or https URL with a host and no query or fragment. */
    Optional<String> httpUrl(String name) {
        return string(name).map(v -> {
            try {
                URI uri = new URI(v);
                boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
                if (http && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return v;
                }
            } catch (URISyntaxException e) {
                // refused below
            }
            throw new ConfigException(
                    name + " must be an absolute http(s) URL like https://host[:port][/path], not '" + v + "'");
        });
    }

    Optional<String> jdbcUrl(String name) {
        return string(name).map(v -> {
            Matcher m = JDBC_URL.matcher(v);
            if (!m.matches()) {
                throw new ConfigException(name + " must be a PostgreSQL JDBC URL like"
                        + " jdbc:postgresql://host:5432/database, not '" + withoutSecrets(v) + "'");
            }
            String port = m.group(1); // digits only, or none (the driver's default)
            int number = port == null ? 5432 : port.length() > 5 ? 0 : Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                throw new ConfigException(name + " names port " + port + "; a port is 1 to 65535");
            }
            return v;
        });
    }

    /** A URL as it may be shown: no password, whether in parameters or before the host (postgres://u:SECRET@h). */
    static String withoutSecrets(String url) {
        return url.replaceAll("(?i)password=[^&]*", "password=***")
                .replaceAll("//([^/@:\\s]*):[^/@\\s]*@", "//$1:***@");
    }

    /** A secret: checked for length only, and never repeated in a message. */
    Optional<String> secret(String name, int minLength) {
        return string(name).map(v -> {
            if (v.length() >= minLength) return v;
            throw new ConfigException(name + " must be at least " + minLength + " characters long");
        });
    }
}
