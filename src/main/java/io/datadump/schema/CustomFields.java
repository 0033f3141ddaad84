package io.datadump.schema;

import io.datadump.db.DataAccessException;
import io.datadump.db.Handle;
import io.datadump.db.Jdbc;
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

    private final Jdbc jdbc;
    private final TableCatalog catalog;

    public CustomFields(Jdbc jdbc, TableCatalog catalog) {
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    public List<String> entitiesWithCustomFields() {
        return catalog.all().stream()
                .filter(TableDefinition::customFields)
                .map(TableDefinition::name)
                .toList();
    }

    public CustomFieldDefinition define(
            long accountId, String entity, String name, String label, CustomFieldType type, List<String> options) {
        if (!entitiesWithCustomFields().contains(entity)) {
            throw new CustomFieldException(
                    "entity '" + entity + "' has no custom fields; use one of " + entitiesWithCustomFields());
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new CustomFieldException(
                    "custom field name '" + name
                            + "' is invalid: use lower-case letters, digits and underscores, starting with a letter, at most 63 characters");
        }
        boolean hasOptions = type == CustomFieldType.SELECT || type == CustomFieldType.MULTISELECT;
        if (hasOptions && options.isEmpty()) {
            throw new CustomFieldException("a " + type.key() + " field needs at least one option");
        }
        if (!hasOptions && !options.isEmpty()) {
            throw new CustomFieldException("only select and multiselect fields take options");
        }
        List<String> builtIn = jdbc.withHandle(h -> catalog.builtInFields(h.connection(), entity));
        if (RESERVED.contains(name) || builtIn.contains(name)) {
            throw new CustomFieldException("custom field '" + name + "' collides with the built-in field '" + name
                    + "' of " + entity + "; choose another name, e.g. 'cf_" + name + "'");
        }
        try {
            return jdbc.queryFirst(
                            """
                            INSERT INTO custom_field_definitions (account_id, entity, name, label, field_type, options, position)
                            VALUES (?, ?, ?, ?, ?, ?, COALESCE((SELECT max(position) + 1 FROM custom_field_definitions
                                                              WHERE account_id = ? AND entity = ?), 0))
                            ON CONFLICT (account_id, entity, name) DO NOTHING
                            RETURNING id, position""",
                            rs -> new CustomFieldDefinition(
                                    rs.getLong(1),
                                    accountId,
                                    entity,
                                    name,
                                    label,
                                    type,
                                    List.copyOf(options),
                                    rs.getInt(2)),
                            accountId,
                            entity,
                            name,
                            label,
                            type.key(),
                            options,
                            accountId,
                            entity)
                    .orElseThrow(() -> new CustomFieldException(
                            "account " + accountId + " already has a custom field '" + name + "' on " + entity));
        } catch (DataAccessException.ForeignKeyViolation e) {
            throw new CustomFieldException("account " + accountId + " does not exist");
        }
    }

    /** The definitions of one account and entity (all entities if null), in their dump order. */
    public List<CustomFieldDefinition> list(Handle handle, long accountId, String entity) {
        return handle.query(
                """
                SELECT id, account_id, entity, name, label, field_type, options, position
                FROM custom_field_definitions WHERE account_id = ? AND (?::text IS NULL OR entity = ?)
                ORDER BY entity, position, id""",
                rs -> new CustomFieldDefinition(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        CustomFieldType.parse(rs.getString(6)),
                        List.of((String[]) rs.getArray(7).getArray()),
                        rs.getInt(8)),
                accountId,
                entity,
                entity);
    }

    public List<CustomFieldDefinition> list(long accountId, String entity) {
        return jdbc.withHandle(h -> list(h, accountId, entity));
    }
}
