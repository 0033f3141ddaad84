package io.datadump.schema;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Per-account custom field definitions. A definition's name becomes a top-level key of the entity's dump
 * rows, so it must be a plain identifier and may never collide with a built-in key of that entity.
 */
public final class CustomFields {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    /** Names used internally on every tenant table; never valid as a custom field. */
    private static final Set<String> RESERVED = Set.of("account_id", TableDefinition.CUSTOM_FIELDS_COLUMN);

    private final DataSource dataSource;
    private final TableCatalog catalog;

    public CustomFields(DataSource dataSource, TableCatalog catalog) {
        this.dataSource = dataSource;
        this.catalog = catalog;
    }

    public List<String> entitiesWithCustomFields() {
        return catalog.all().stream().filter(TableDefinition::customFields).map(TableDefinition::name).toList();
    }

    public CustomFieldDefinition define(long accountId, String entity, String name, String label,
                                        CustomFieldType type, List<String> options) {
        if (!entitiesWithCustomFields().contains(entity)) {
            throw new CustomFieldException("entity '" + entity + "' has no custom fields; use one of " + entitiesWithCustomFields());
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CustomFieldException("custom field name '" + name
                    + "' is invalid: use lower-case letters, digits and underscores, starting with a letter, at most 63 characters");
        }
        boolean hasOptions = type == CustomFieldType.SELECT || type == CustomFieldType.MULTISELECT;
        if (hasOptions && options.isEmpty()) {
            throw new CustomFieldException("a " + type.key() + " field needs at least one option");
        }
        if (!hasOptions && !options.isEmpty()) {
            throw new CustomFieldException("only select and multiselect fields take options");
        }
        try (Connection c = dataSource.getConnection()) {
            if (RESERVED.contains(name) || catalog.builtInFields(c, entity).contains(name)) {
                throw new CustomFieldException("custom field '" + name + "' collides with the built-in field '" + name
                        + "' of " + entity + "; choose another name, e.g. 'cf_" + name + "'");
            }
            try (var ps = c.prepareStatement("""
                    INSERT INTO custom_field_definitions (account_id, entity, name, label, field_type, options, position)
                    VALUES (?, ?, ?, ?, ?, ?, COALESCE((SELECT max(position) + 1 FROM custom_field_definitions
                                                      WHERE account_id = ? AND entity = ?), 0))
                    ON CONFLICT (account_id, entity, name) DO NOTHING
                    RETURNING id, position""")) {
                ps.setLong(1, accountId);
                ps.setString(2, entity);
                ps.setString(3, name);
                ps.setString(4, label);
                ps.setString(5, type.key());
                ps.setArray(6, c.createArrayOf("text", options.toArray()));
                ps.setLong(7, accountId);
                ps.setString(8, entity);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new CustomFieldException("account " + accountId + " already has a custom field '" + name + "' on " + entity);
                    }
                    return new CustomFieldDefinition(rs.getLong(1), accountId, entity, name, label, type, List.copyOf(options), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            if ("23503".equals(e.getSQLState())) throw new CustomFieldException("account " + accountId + " does not exist");
            throw new IllegalStateException("could not store custom field definition: " + e.getMessage(), e);
        }
    }

    /** The definitions of one account and entity, in their dump order. */
    public List<CustomFieldDefinition> list(Connection c, long accountId, String entity) throws SQLException {
        try (var ps = c.prepareStatement("""
                SELECT id, account_id, entity, name, label, field_type, options, position
                FROM custom_field_definitions WHERE account_id = ? AND (? IS NULL OR entity = ?)
                ORDER BY entity, position, id""")) {
            ps.setLong(1, accountId);
            ps.setString(2, entity);
            ps.setString(3, entity);
            List<CustomFieldDefinition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CustomFieldDefinition(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), CustomFieldType.parse(rs.getString(6)),
                            List.of((String[]) rs.getArray(7).getArray()), rs.getInt(8)));
                }
            }
            return out;
        }
    }

    public List<CustomFieldDefinition> list(long accountId, String entity) {
        try (Connection c = dataSource.getConnection()) {
            return list(c, accountId, entity);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read custom field definitions: " + e.getMessage(), e);
        }
    }
}
