package io.datadump.db;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Whether a schema's Flyway history already holds every versioned script of a location, so that a start can skip
 * Flyway. Conservative: any doubt (a location it cannot list, no history table, a failed or baseline row) answers no,
 * and Flyway decides.
 */
final class MigrationScripts {
    private static final Pattern VERSIONED = Pattern.compile("V[0-9][0-9_.]*__.+\\.sql");

    private MigrationScripts() {}

    static boolean upToDate(DataSource dataSource, String schema, String location) {
        Optional<Set<String>> scripts = scripts(location);
        if (scripts.isEmpty() || scripts.get().isEmpty()) return false;
        Jdbc jdbc = new Jdbc(dataSource);
        boolean hasHistory = jdbc.queryFirst(
                        "SELECT to_regclass(?) IS NOT NULL", rs -> rs.getBoolean(1), schema + ".flyway_schema_history")
                .orElse(false);
        if (!hasHistory) return false;
        record Row(String script, boolean success, String type) {}
        var history = jdbc.query(
                "SELECT script, success, type FROM " + schema + ".flyway_schema_history WHERE version IS NOT NULL",
                rs -> new Row(rs.getString(1), rs.getBoolean(2), rs.getString(3)));
        Set<String> applied = new HashSet<>();
        for (Row row : history) {
            if (!row.success() || !row.type().equals("SQL")) return false;
            applied.add(row.script());
        }
        return applied.equals(scripts.get());
    }

    /** The versioned scripts' file names in a classpath location, from the jar or a directory; empty if unknown. */
    static Optional<Set<String>> scripts(String location) {
        URL url = MigrationScripts.class.getClassLoader().getResource(location);
        if (url == null) return Optional.empty();
        Set<String> names = new HashSet<>();
        try {
            if (url.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> VERSIONED.matcher(n).matches())
                            .forEach(names::add);
                }
            } else if (url.openConnection() instanceof JarURLConnection jar) {
                jar.setUseCaches(true); // the class loader's own open JarFile: no second read of the jar
                String prefix = location + "/";
                for (Enumeration<JarEntry> e = jar.getJarFile().entries(); e.hasMoreElements(); ) {
                    String entry = e.nextElement().getName();
                    if (!entry.startsWith(prefix)) continue;
                    String name = entry.substring(prefix.length());
                    if (VERSIONED.matcher(name).matches()) names.add(name);
                }
            } else {
                return Optional.empty();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(names);
    }
}
