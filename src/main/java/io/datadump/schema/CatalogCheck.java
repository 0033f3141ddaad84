package io.datadump.schema;

import io.datadump.db.DataAccessException;
import io.datadump.db.Handle;
import io.datadump.db.Jdbc;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a catalog against the source before anything is dumped from it: every query is described by the server
 * without being run (a missing table or a misspelt column is caught here), each yields the columns the engine needs,
 * and the custom fields of the enabled tenants are valid keys. Only reads, in the source's read-only session.
 * {@code datadump catalog check} and every start of serve, worker and dump run it; a catalog with a problem is refused
 * with every problem listed, each naming its file.
 */
public final class CatalogCheck {
    /** What was checked; {@code warnings} do not stop anything (an enabled account whose tenant is gone). */
    public record Report(String location, int tables, long tenants, int accountsChecked, List<String> warnings) {}

    private static final Set<String> JSON_TYPES = Set.of("json", "jsonb");

    private final TableCatalog catalog;
    private final Jdbc source;

    public CatalogCheck(TableCatalog catalog, Jdbc source) {
        this.catalog = catalog;
        this.source = source;
    }

    /**
     * Checks the catalog's queries (each described by the source, never run) and nothing of any tenant: what every
     * start checks, in the same time for ten tenants or ten thousand. A tenant's bad custom field is refused by its own
     * dump, and listed by {@link #run}.
     */
    public void checkQueries() {
        source.withHandle(h -> {
            List<String> problems = new ArrayList<>();
            checkQueries(h, problems);
            if (!problems.isEmpty()) throw new CatalogException(problems);
            return null;
        });
    }

    /** Checks the catalog, and the custom fields of these (enabled) accounts; throws {@link CatalogException}. */
    public Report run(List<Long> accountIds) {
        return source.withHandle(h -> {
            List<String> problems = new ArrayList<>();
            checkQueries(h, problems);
            if (!problems.isEmpty()) throw new CatalogException(problems);

            long tenants = h.queryFirst("SELECT count(*) FROM (" + catalog.tenantsSql() + ") t", rs -> rs.getLong(1))
                    .orElse(0L);
            List<String> warnings = new ArrayList<>();
            for (long account : accountIds) {
                if (catalog.tenant(h, account).isEmpty()) {
                    warnings.add(
                            "account " + account + " has the datadump entitlement, but " + catalog.file("tenants.sql")
                                    + " does not list tenant " + account + "; its dumps will fail");
                    continue;
                }
                checkCustomFields(h, account, problems);
            }
            if (!problems.isEmpty()) throw new CatalogException(problems);
            return new Report(catalog.location(), catalog.all().size(), tenants, accountIds.size(), warnings);
        });
    }

    private void checkQueries(Handle h, List<String> problems) {
        describeWith(h, catalog.file("tenants.sql"), catalog.tenantsSql(), problems)
                .ifPresent(columns -> requireColumns(catalog.file("tenants.sql"), columns, problems, "id", "name"));
        for (TableDefinition t : catalog.all()) {
            String file = catalog.file(t.name() + ".sql");
            Optional<List<Handle.ColumnInfo>> columns = describeWith(h, file, t.accountQuery(0), problems);
            if (columns.isPresent()) {
                checkTableColumns(file, t, columns.get(), problems);
            }
            if (t.fieldsQuery(0).isPresent()) {
                String fieldsFile = catalog.file(t.name() + ".fields.sql");
                describeWith(h, fieldsFile, t.fieldsQuery(0).get(), problems)
                        .ifPresent(c -> requireColumns(fieldsFile, c, problems, "name", "type", "position"));
            }
        }
    }

    private void checkTableColumns(
            String file, TableDefinition t, List<Handle.ColumnInfo> columns, List<String> problems) {
        Set<String> labels = new HashSet<>();
        for (Handle.ColumnInfo c : columns) {
            if (!labels.add(c.label())) {
                problems.add(file + " has two columns named '" + c.label() + "'; each key of a row must be unique");
            }
        }
        if (!labels.contains("id")) {
            problems.add(file + " has no column 'id'; rows are dumped in id order and compared by it between dumps");
        }
        if (t.customFieldsColumn().isPresent()) {
            String column = t.customFieldsColumn().get();
            Optional<Handle.ColumnInfo> c =
                    columns.stream().filter(x -> x.label().equals(column)).findFirst();
            if (c.isEmpty()) {
                problems.add(file + " names '" + column + "' as its custom_fields column, but its query has no such"
                        + " column");
            } else if (!JSON_TYPES.contains(c.get().type())) {
                problems.add(file + "'s custom_fields column '" + column + "' is "
                        + c.get().type() + "; it must be json or jsonb (an object keyed by field name)");
            }
        }
    }

    private void checkCustomFields(Handle h, long account, List<String> problems) {
        Map<String, List<CustomFieldDefinition>> fields;
        try {
            fields = catalog.customFields(h, account);
        } catch (CatalogException e) {
            problems.addAll(e.problems());
            return;
        }
        fields.forEach((table, defs) -> {
            List<String> keys;
            try {
                keys = catalog.builtInFields(h.connection(), table);
            } catch (SQLException e) {
                throw DataAccessException.of("describing " + table, e);
            }
            Set<String> seen = new HashSet<>();
            for (CustomFieldDefinition d : defs) {
                CustomFields.whyInvalid(table, d.name(), keys)
                        .ifPresent(why -> problems.add(
                                catalog.file(table + ".fields.sql") + ": tenant " + account + "'s " + why));
                if (!seen.add(d.name())) {
                    problems.add(catalog.file(table + ".fields.sql") + ": tenant " + account + " has the custom field '"
                            + d.name() + "' twice");
                }
            }
        });
    }

    private static void requireColumns(
            String file, List<Handle.ColumnInfo> columns, List<String> problems, String... required) {
        List<String> labels = columns.stream().map(Handle.ColumnInfo::label).toList();
        for (String r : required) {
            if (!labels.contains(r)) {
                problems.add(file + " has no column '" + r + "'; it needs " + String.join(", ", required));
            }
        }
    }

    /** The query's columns as described by the server, or empty with the server's complaint recorded. */
    private static Optional<List<Handle.ColumnInfo>> describeWith(
            Handle h, String file, String sql, List<String> problems) {
        try {
            return Optional.of(h.columnsOf(sql));
        } catch (DataAccessException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message =
                    String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            problems.add(file + " does not run on the source: " + message.replaceFirst("^ERROR: ", ""));
            return Optional.empty();
        }
    }
}
