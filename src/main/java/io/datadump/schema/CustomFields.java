package io.datadump.schema;

import io.datadump.db.DataAccessException;
import io.datadump.db.Jdbc;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Custom field definitions. Any catalog lists a tenant's fields through its field queries ({@link #list}); the
 * built-in demo CRM also lets them be defined ({@link #define}), in its own definitions table. A definition's name
 * becomes a top-level key of the entity's dump rows, so it must be a plain identifier and may never collide with a
 * built-in key of that entity.
 */
public final class CustomFields {
    static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    /** Names used internally on every tenant table; never valid as a custom field. */
    static final Set<String> RESERVED = Set.of("account_id", "custom_fields");

    private final Jdbc source;
    private final Jdbc builtInCrm; // null when the source is an operator's database
    private final TableCatalog catalog;

    public CustomFields(Jdbc source, Jdbc builtInCrm, TableCatalog catalog) {
        this.source = source;
        this.builtInCrm = builtInCrm;
        this.catalog = catalog;
    }

    public List<String> entitiesWithCustomFields() {
        return catalog.all().stream()
                .filter(TableDefinition::customFields)
                .map(TableDefinition::name)
                .toList();
    }

    /** Defines a custom field in the built-in CRM. */
    public CustomFieldDefinition define(
            long accountId, String entity, String name, String label, CustomFieldType type, List<String> options) {
        if (builtInCrm == null) {
            throw new CustomFieldException("the source is an operator's database, whose custom fields are defined"
                    + " there; datadump reads them through the catalog's field queries and never writes to it");
        }
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
        List<String> builtIn = source.withHandle(h -> catalog.builtInFields(h.connection(), entity));
        whyInvalid(entity, name, builtIn).ifPresent(why -> {
            throw new CustomFieldException(why);
        });
        try {
            return builtInCrm
                    .queryFirst(
                            """
                            INSERT INTO custom_field_definitions (account_id, entity, name, label, field_type, options, position)
                            VALUES (?, ?, ?, ?, ?, ?, COALESCE((SELECT max(position) + 1 FROM custom_field_definitions
                                                              WHERE account_id = ? AND entity = ?), 0))
                            ON CONFLICT (account_id, entity, name) DO NOTHING
                            RETURNING position""",
                            rs -> new CustomFieldDefinition(
                                    entity, name, label, type, List.copyOf(options), rs.getInt(1)),
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

    /**
     * Why a custom field of this name cannot be a key of the entity's rows (not an identifier, reserved, or already a
     * key), or empty when it can.
     */
    public static Optional<String> whyInvalid(String entity, String name, List<String> keys) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("the custom field name '" + name + "' of " + entity
                    + " is not a lower-case identifier (letters, digits, underscores, at most 63)");
        }
        if (RESERVED.contains(name) || keys.contains(name)) return Optional.of(collision(entity, name));
        return Optional.empty();
    }

    static String collision(String entity, String name) {
        return "custom field '" + name + "' collides with the built-in field '" + name + "' of " + entity
                + "; choose another name, e.g. 'cf_" + name + "'";
    }

    /** The definitions of one account and entity (all entities if null), in their dump order, read from the source. */
    public List<CustomFieldDefinition> list(long accountId, String entity) {
        return source.withHandle(h -> catalog.customFields(h, accountId).entrySet().stream()
                .filter(e -> entity == null || e.getKey().equals(entity))
                .flatMap(e -> e.getValue().stream())
                .toList());
    }
}
