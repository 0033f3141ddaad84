package io.datadump.schema;

import io.datadump.db.Handle;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.postgresql.PGResultSetMetaData;

/**
 * What is dumped from the source, and how: the tables (each a query with the tenant parameter), the query that lists
 * the tenants, and per table where its custom fields come from. Read from a catalog directory ({@code
 * DATADUMP_CATALOG}) or, by default, from the built-in Propstack catalog in the jar ({@code tables/}), both in the
 * same format:
 *
 * <ul>
 *   <li>{@code index.txt}: one table a line, {@code <name> <label>}, in dump order; {@code #} starts a comment;
 *   <li>{@code <name>.sql}: the table's SELECT with {@code :account_id}; a header line {@code -- custom_fields:
 *       <column>} names the json(b) column holding the custom field values, whose definitions {@code
 *       <name>.fields.sql} lists (columns {@code name, type, position} and optionally {@code label, options});
 *   <li>{@code tenants.sql}: the tenants, columns {@code id, name} and optionally {@code time_zone};
 *   <li>{@code catalog.properties} (optional): {@code search_path}, the schemas the queries' names resolve in.
 * </ul>
 *
 * Everything that can be checked without the database is checked on load ({@link #load}); {@link CatalogCheck}
 * checks the rest against the source.
 */
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

    private final CatalogLoader.CatalogFiles files;
    private final Map<String, TableDefinition> tables;
    private final List<TableDefinition> ordered;
    private final String tenantsSql;
    private final Optional<String> searchPath;
    private final Map<String, List<Column>> columns = new ConcurrentHashMap<>();
    private final Map<String, String> fieldsSelect = new ConcurrentHashMap<>();

    TableCatalog(
            CatalogLoader.CatalogFiles files,
            List<TableDefinition> tables,
            String tenantsSql,
            Optional<String> searchPath) {
        var map = new LinkedHashMap<String, TableDefinition>();
        for (TableDefinition t : tables) map.put(t.name(), t);
        this.files = files;
        this.tables = Map.copyOf(map);
        this.ordered = List.copyOf(tables);
        this.tenantsSql = tenantsSql;
        this.searchPath = searchPath;
    }

    /** The catalog in {@code directory}, or the built-in one; refuses (listing every problem) what cannot work. */
    public static TableCatalog load(Optional<Path> directory) {
        return directory.map(TableCatalog::load).orElseGet(TableCatalog::builtIn);
    }

    public static TableCatalog builtIn() {
        return CatalogLoader.load(new CatalogLoader.CatalogFiles("the built-in catalog", "tables/", null));
    }

    public static TableCatalog load(Path directory) {
        return CatalogLoader.load(new CatalogLoader.CatalogFiles(directory.toString(), directory + "/", directory));
    }

    /** The same catalog with only these tables (benchmarks and tests dump one table alone). */
    public TableCatalog only(String... names) {
        return new TableCatalog(files, Arrays.stream(names).map(this::get).toList(), tenantsSql, searchPath);
    }

    /** Where the catalog was read from, for messages. */
    public String location() {
        return files.location();
    }

    /** How a file of this catalog is named in messages, e.g. {@code tables/contacts.sql}. */
    String file(String name) {
        return files.prefix() + name;
    }

    /** The schemas the catalog's names resolve in on the source, if it names them. */
    public Optional<String> searchPath() {
        return searchPath;
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

    /** The tenants of the source, in id order. */
    public List<Tenant> tenants(Handle source) {
        return source.query("SELECT * FROM (" + tenantsSql + ") t ORDER BY t.id", TableCatalog::tenant);
    }

    /** One tenant of the source, if it exists. */
    public Optional<Tenant> tenant(Handle source, long id) {
        return source.queryFirst("SELECT * FROM (" + tenantsSql + ") t WHERE t.id = ?", TableCatalog::tenant, id);
    }

    String tenantsSql() {
        return tenantsSql;
    }

    private static Tenant tenant(ResultSet rs) throws SQLException {
        Optional<ZoneId> zone = Optional.empty();
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals("time_zone") && rs.getString(i) != null) {
                try {
                    zone = Optional.of(ZoneId.of(rs.getString(i)));
                } catch (DateTimeException e) {
                    zone = Optional.empty(); // an unknown zone name: the global default applies
                }
            }
        }
        return new Tenant(rs.getLong("id"), rs.getString("name"), zone);
    }

    /**
     * The tenant's custom field definitions of every table that has custom fields, in their order, as the catalog's
     * field queries give them (read on the dump's connection, so inside its snapshot).
     */
    public Map<String, List<CustomFieldDefinition>> customFields(Handle source, long accountId) {
        Map<String, List<CustomFieldDefinition>> out = new LinkedHashMap<>();
        for (TableDefinition t : ordered) {
            if (t.fieldsQuery(accountId).isEmpty()) continue;
            String sql = t.fieldsQuery(accountId).get();
            out.put(
                    t.name(),
                    source.query(
                            fieldsSelect.computeIfAbsent(t.name(), n -> fieldsSelect(source, sql)) + " FROM (" + sql
                                    + ") f ORDER BY f.position, f.name",
                            rs -> {
                                String[] options = rs.getArray(5) == null
                                        ? new String[0]
                                        : (String[]) rs.getArray(5).getArray();
                                String name = rs.getString(1), type = rs.getString(2);
                                return new CustomFieldDefinition(
                                        t.name(),
                                        name,
                                        rs.getString(4),
                                        CustomFieldType.find(type)
                                                .orElseThrow(() ->
                                                        new CatalogException(List.of(file(t.name() + ".fields.sql")
                                                                + ": tenant " + accountId + "'s field '" + name
                                                                + "' has the unknown type '" + type + "'; use one of "
                                                                + CustomFieldType.keys()))),
                                        List.of(options),
                                        rs.getInt(3));
                            }));
        }
        return out;
    }

    /**
     * The select list over a table's field query: its optional label and options where it has them. Described once
     * per table (like {@link #columns}), not on every dump and schema request.
     */
    private static String fieldsSelect(Handle handle, String sql) {
        List<String> available =
                handle.columnsOf(sql).stream().map(Handle.ColumnInfo::label).toList();
        return "SELECT f.name, f.type, f.position" + (available.contains("label") ? ", f.label" : ", NULL")
                + (available.contains("options") ? ", f.options" : ", NULL");
    }

    /**
     * One built-in output column of a table: its key, PostgreSQL type name, whether it can be null, an enum's labels,
     * and a numeric's declared precision and scale (0 where the type has none).
     */
    public record Column(
            String name, String type, boolean nullable, List<String> enumValues, int precision, int scale) {
        public Column(String name, String type, boolean nullable) {
            this(name, type, nullable, List.of(), 0, 0);
        }

        public Column(String name, String type, boolean nullable, List<String> enumValues) {
            this(name, type, nullable, enumValues, 0, 0);
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
                if (def.customFieldsColumn().filter(label::equals).isPresent()) continue;
                boolean notNull =
                        md.isNullable(i) == ResultSetMetaData.columnNoNulls && table.equals(pg.getBaseTableName(i));
                String type = md.getColumnTypeName(i);
                boolean numeric = type.equals("numeric") || type.equals("_numeric");
                out.add(new Column(
                        label,
                        type,
                        !notNull,
                        enumValues(connection, type),
                        numeric ? md.getPrecision(i) : 0,
                        numeric ? md.getScale(i) : 0));
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
}
