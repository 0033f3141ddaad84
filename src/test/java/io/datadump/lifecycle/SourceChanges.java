package io.datadump.lifecycle;

import io.datadump.db.Jdbc;
import java.util.List;

/**
 * Changes to one account's rows in the built-in CRM, as its staff would make them: rows added, changed and deleted,
 * a table emptied and filled again, long texts, custom fields defined and removed. Deletes and refills only touch
 * tables no other table refers to, so the CRM's foreign keys always hold; rows are added by copying rows of a
 * template account with new ids.
 */
final class SourceChanges {
    /** Tables that no foreign key points to: any of their rows may go. */
    static final List<String> LEAF_TABLES = List.of(
            "notes", "todos", "appointments", "cancelations", "documents", "images", "saved_queries", "relationships");
    /** Tables whose rows are changed in place (leaves, and the two with custom fields). */
    static final List<String> CHANGED_TABLES = List.of("notes", "todos", "appointments", "contacts", "properties");

    enum Kind {
        INSERT,
        UPDATE,
        DELETE,
        DELETE_ALL,
        LONG_TEXT
    }

    private final Jdbc crm;
    private final long account;
    private final long template;

    SourceChanges(Jdbc crm, long account, long template) {
        this.crm = crm;
        this.account = account;
        this.template = template;
    }

    /** Applies one change; returns how many rows it touched. */
    int apply(Kind kind, String table, int rows, long seed) {
        return switch (kind) {
            case INSERT -> insert(table, rows, seed);
            case UPDATE -> update(table, rows, seed, false);
            case LONG_TEXT -> update(table, rows, seed, true);
            case DELETE ->
                crm.update(
                        "DELETE FROM crm." + table + " WHERE id IN (SELECT id FROM crm." + table
                                + " WHERE account_id = ? ORDER BY md5(id::text || ?) LIMIT ?)",
                        account,
                        Long.toString(seed),
                        rows);
            case DELETE_ALL -> crm.update("DELETE FROM crm." + table + " WHERE account_id = ?", account);
        };
    }

    /** Copies rows of the template account (or of the account itself) under new ids. */
    private int insert(String table, int rows, long seed) {
        return crm.update(
                "INSERT INTO crm." + table + " SELECT (jsonb_populate_record(NULL::crm." + table + ", to_jsonb(t)"
                        + " || jsonb_build_object('id', nextval('crm." + table
                        + "_id_seq'), 'account_id', ?::bigint)))."
                        + "* FROM (SELECT * FROM crm." + table + " WHERE account_id IN (?, ?)"
                        + " ORDER BY md5(id::text || ?) LIMIT ?) t",
                account,
                account,
                template,
                Long.toString(seed),
                rows);
    }

    private int update(String table, int rows, long seed, boolean longText) {
        String column = switch (table) {
            case "contacts" -> "first_name";
            case "properties" -> "city";
            default -> "title";
        };
        String value = longText ? "repeat(md5(?), 2000)" : "'geändert ' || md5(?) || ' \"zitiert\"\n\\\\'";
        return crm.update(
                "UPDATE crm." + table + " SET " + column + " = " + value + " WHERE id IN (SELECT id FROM crm." + table
                        + " WHERE account_id = ? ORDER BY md5(id::text || ?) LIMIT ?)",
                Long.toString(seed),
                account,
                Long.toString(seed),
                rows);
    }

    /** Defines a custom field of contacts or properties and gives some rows a value of it. */
    void addCustomField(String entity, String name, long seed) {
        crm.update(
                "INSERT INTO crm.custom_field_definitions (id, account_id, entity, name, label, field_type, position)"
                        + " SELECT nextval('crm.custom_field_definitions_id_seq'), ?, ?, ?, ?, 'string', 100"
                        + " WHERE NOT EXISTS (SELECT 1 FROM crm.custom_field_definitions"
                        + " WHERE account_id = ? AND entity = ? AND name = ?)",
                account,
                entity,
                name,
                "Feld " + name,
                account,
                entity,
                name);
        crm.update(
                "UPDATE crm." + entity + " SET custom_fields = custom_fields || jsonb_build_object(?::text, md5(?))"
                        + " WHERE id IN (SELECT id FROM crm." + entity
                        + " WHERE account_id = ? ORDER BY md5(id::text || ?) LIMIT 3)",
                name,
                Long.toString(seed),
                account,
                Long.toString(seed));
    }

    void removeCustomField(String entity, String name) {
        crm.update(
                "DELETE FROM crm.custom_field_definitions WHERE account_id = ? AND entity = ? AND name = ?",
                account,
                entity,
                name);
    }
}
