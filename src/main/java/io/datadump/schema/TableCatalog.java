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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGResultSetMetaData;

/** The dumped tables, loaded from {@code tables/index.txt} and one {@code tables/<name>.sql} each. */
public final class TableCatalog {
    /** Types that are never enums: their columns need no look-up in pg_enum. */
    private static final Set<String> BUILT_IN_TYPES = Set.of(
            "int2",
            "int4",
            "int8",
            "smallserial",
            "serial",
            "bigserial",
            "numeric",
            "float4",
            "float8",
            "bool",
            "text",
            "varchar",
            "bpchar",
            "date",
            "timestamp",
            "timestamptz",
            "json",
            "jsonb",
            "uuid");

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
    public record Column(String name, String type, boolean nullable, List<String> enumValues) {
        public Column(String name, String type, boolean nullable) {
            this(name, type, nullable, List.of());
        }
    }

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
                String type = md.getColumnTypeName(i);
                out.add(new Column(label, type, !notNull, enumValues(connection, type)));
            }
            List<Column> result = List.copyOf(out);
            columns.put(table, result);
            return result;
        }
    }

    /** The labels of a PostgreSQL enum type, in their order; empty for any other type. */
    private static List<String> enumValues(Connection connection, String type) throws SQLException {
        if (BUILT_IN_TYPES.contains(type.startsWith("_") ? type.substring(1) : type)) return List.of();
        try (var ps =
                connection.prepareStatement("SELECT e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid"
                        + " WHERE t.typname = ? ORDER BY e.enumsortorder")) {
            ps.setString(1, type.startsWith("_") ? type.substring(1) : type);
            List<String> labels = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) labels.add(rs.getString(1));
            }
            return List.copyOf(labels);
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
