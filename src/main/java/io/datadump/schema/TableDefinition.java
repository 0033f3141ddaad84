package io.datadump.schema;

import java.util.List;
import java.util.StringJoiner;

/**
 * One dumped table: its name (the file and URL name), a German label, and the SELECT that yields its rows
 * for one account ({@code :account_id}), whose select list is the key order of the JSON objects.
 * When {@code customFields} is set, the SELECT ends with a {@code custom_fields} jsonb column that the
 * engine expands into one key per custom field defined for the account.
 */
public record TableDefinition(String name, String label, String selectSql, boolean customFields) {
    public static final String CUSTOM_FIELDS_COLUMN = "custom_fields";

    /**
     * The table's SELECT for one account. The account id is inlined (a long cannot inject anything) because the
     * engine runs the query inside COPY, which takes no parameters.
     */
    public String accountQuery(long accountId) {
        return selectSql.replace(":account_id", Long.toString(accountId));
    }

    /**
     * The statement the engine runs for one account: the built-in columns (not the custom_fields jsonb itself),
     * then each custom field as a typed top-level value, rows in id order.
     */
    public String dumpSql(List<String> builtInFields, List<String> customFieldNames, long accountId) {
        StringJoiner columns = new StringJoiner(", ");
        for (String column : builtInFields) columns.add("q.\"" + column.replace("\"", "\"\"") + "\"");
        for (String field : customFieldNames) {
            // Names are validated against ^[a-z][a-z0-9_]*$ before they are stored, so quoting is enough.
            columns.add("q." + CUSTOM_FIELDS_COLUMN + " -> '" + field + "' AS \"" + field + "\"");
        }
        return "SELECT " + columns + " FROM (" + accountQuery(accountId) + ") q ORDER BY q.id";
    }
}
