package io.datadump.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGResultSetMetaData;

/** The dumped tables, loaded from {@code tables/index.txt} and one {@code tables/<name>.sql} each. */
public final class TableCatalog {
    private final Map<String, TableDefinition> tables;
    private final List<TableDefinition> ordered;
    private final Map<String, List<Column>> columns = new ConcurrentHashMap<>();

    public TableCatalog(List<TableDefinition> tables) {
        var map = new LinkedHashMap<String, TableDefinition>();
        for (TableDefinition t : tables) map.put(t.name(), t);
        this.tables = Map.copyOf(map);
        this.ordered = List.copyOf(tables);
    }

    public static TableCatalog load() {
        List<TableDefinition> defs = new ArrayList<>();
        for (String line : resource("tables/index.txt").split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int space = line.indexOf(' ');
            String name = space < 0 ? line : line.substring(0, space);
            String label = space < 0 ? name : line.substring(space + 1).strip();
            String sql = resource("tables/" + name + ".sql");
            boolean customFields = sql.lines().anyMatch(l -> l.strip().equals("-- custom_fields: true"));
            defs.add(new TableDefinition(name, label, sql.strip(), customFields));
        }
        return new TableCatalog(defs);
    }

    public List<TableDefinition> all() {
        return ordered;
    }

    public List<String> names() {
        return ordered.stream().map(TableDefinition::name).toList();
    }

    public Optional<TableDefinition> find(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    public TableDefinition get(String name) {
        return find(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown table '" + name + "'; known: " + names()));
    }

    /** One built-in output column of a table: its key, PostgreSQL type name, and whether it can be null. */
    public record Column(String name, String type, boolean nullable) {}

    /** The built-in output keys of a table, in order, as PostgreSQL describes its query (no rows are read). */
    public List<String> builtInFields(Connection connection, String table) throws SQLException {
        return columns(connection, table).stream().map(Column::name).toList();
    }

    /**
     * The built-in output columns of a table with their types, as PostgreSQL describes its query. A column counts as
     * never null only when it comes straight from a NOT NULL column of the table itself (a value joined from another
     * table can be null even where that table's column is not).
     */
    public List<Column> columns(Connection connection, String table) throws SQLException {
        List<Column> cached = columns.get(table);
        if (cached != null) return cached;
        TableDefinition def = get(table);
        try (var ps = connection.prepareStatement("SELECT * FROM (" + def.accountQuery(0) + ") q")) {
            ResultSetMetaData md = ps.getMetaData();
            PGResultSetMetaData pg = md.unwrap(PGResultSetMetaData.class);
            List<Column> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                String label = md.getColumnLabel(i);
                if (def.customFields() && label.equals(TableDefinition.CUSTOM_FIELDS_COLUMN)) continue;
                boolean notNull =
                        md.isNullable(i) == ResultSetMetaData.columnNoNulls && table.equals(pg.getBaseTableName(i));
                out.add(new Column(label, md.getColumnTypeName(i), !notNull));
            }
            List<Column> result = List.copyOf(out);
            columns.put(table, result);
            return result;
        }
    }

    /** The statement that dumps {@code table} for one account with these custom fields (see {@link TableDefinition#dumpSql}). */
    public String dumpSql(Connection connection, String table, List<String> customFieldNames, long accountId)
            throws SQLException {
        return get(table).dumpSql(builtInFields(connection, table), customFieldNames, accountId);
    }

    private static String resource(String path) {
        try (InputStream in = TableCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
