package io.datadump.schema;

import io.datadump.wire.ApiBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a catalog (index.txt, tenants.sql, one query per table and its custom fields' query) from the jar or a
 * directory, checking everything it can without a database and refusing with every problem listed.
 */
final class CatalogLoader {
    private static final Pattern CUSTOM_FIELDS_HEADER = Pattern.compile("(?m)^\\s*--\\s*custom_fields:\\s*(\\S+)\\s*$");
    private static final Pattern SEARCH_PATH =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\s*,\\s*[A-Za-z_][A-Za-z0-9_$]*)*");

    private CatalogLoader() {}

    /** A catalog's files, from the jar or a directory; {@code prefix} names them in messages. */
    record CatalogFiles(String location, String prefix, Path directory) {
        Optional<String> read(String file) {
            try {
                if (directory != null) {
                    Path p = directory.resolve(file);
                    return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
                }
                try (InputStream in = TableCatalog.class.getClassLoader().getResourceAsStream(prefix + file)) {
                    return in == null
                            ? Optional.empty()
                            : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + prefix + file + ": " + e.getMessage(), e);
            }
        }
    }

    static TableCatalog load(CatalogFiles files) {
        List<String> problems = new ArrayList<>();
        Optional<String> index = files.read("index.txt");
        if (index.isEmpty()) {
            throw new CatalogException(List.of(files.location() + " has no index.txt listing its tables"));
        }
        Optional<String> searchPath = Optional.empty();
        Optional<String> properties = files.read("catalog.properties");
        if (properties.isPresent()) {
            Properties p = new Properties();
            try {
                p.load(new StringReader(properties.get()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String key : p.stringPropertyNames()) {
                if (!key.equals("search_path")) {
                    problems.add(files.prefix() + "catalog.properties: unknown setting '" + key
                            + "'; the only one is search_path");
                }
            }
            searchPath = Optional.ofNullable(p.getProperty("search_path")).map(String::strip);
            if (searchPath.isPresent() && !SEARCH_PATH.matcher(searchPath.get()).matches()) {
                problems.add(files.prefix() + "catalog.properties: search_path must be schema names separated by"
                        + " commas, not '" + searchPath.get() + "'");
            }
        }
        String tenantsSql = query(files, "tenants.sql", false, problems);

        List<TableDefinition> defs = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : index.get().split("\n")) {
            lineNumber++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int space = line.indexOf(' ');
            String name = space < 0 ? line : line.substring(0, space);
            String label = space < 0 ? name : line.substring(space + 1).strip();
            String where = files.prefix() + "index.txt line " + lineNumber;
            if (!ApiBodies.TABLE_NAME.matcher(name).matches()) {
                problems.add(where + ": table name '" + name
                        + "' must be lower-case letters, digits and underscores, starting with a letter");
                continue;
            }
            Integer earlier = seen.putIfAbsent(name, lineNumber);
            if (earlier != null) {
                problems.add(where + ": table '" + name + "' is listed twice (also on line " + earlier + ")");
                continue;
            }
            String sql = query(files, name + ".sql", true, problems);
            if (sql == null) continue;
            Matcher header = CUSTOM_FIELDS_HEADER.matcher(sql);
            Optional<String> column = header.find() ? Optional.of(header.group(1)) : Optional.empty();
            Optional<String> fieldsSql = Optional.empty();
            if (column.isPresent()) {
                String fields = query(files, name + ".fields.sql", true, problems);
                if (fields == null) continue;
                fieldsSql = Optional.of(fields);
            }
            defs.add(new TableDefinition(name, label, sql, column, fieldsSql));
        }
        if (defs.isEmpty() && problems.isEmpty()) problems.add(files.prefix() + "index.txt lists no table");
        if (!problems.isEmpty()) throw new CatalogException(problems);
        return new TableCatalog(files, defs, tenantsSql, searchPath);
    }

    /** A query file's text, or null with a problem recorded. */
    private static String query(CatalogFiles files, String file, boolean perTenant, List<String> problems) {
        Optional<String> text = files.read(file);
        if (text.isEmpty()) {
            problems.add(files.prefix() + file + " is missing");
            return null;
        }
        String sql = text.get().strip();
        Optional<String> why = SqlText.whyNotAReadOnlyQuery(sql);
        if (why.isPresent()) {
            problems.add(files.prefix() + file + " " + why.get());
            return null;
        }
        if (perTenant && !SqlText.codeOnly(sql).contains(TableDefinition.TENANT_PARAMETER)) {
            problems.add(
                    files.prefix() + file + " does not use the tenant parameter " + TableDefinition.TENANT_PARAMETER
                            + ", so it would dump every tenant's rows; filter on it (WHERE t.account_id = :account_id)");
            return null;
        }
        while (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1).strip();
        return sql;
    }
}
