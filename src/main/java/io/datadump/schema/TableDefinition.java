package io.datadump.schema;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * One dumped table: its name (the file and URL name), a label, and the SELECT that yields its rows for one tenant
 * ({@code :account_id}), whose select list is the key order of the JSON objects. A table with custom fields names the
 * column of that SELECT that holds their values (a json or jsonb object keyed by field name), which the engine expands
 * into one key per field, and a query that lists the tenant's field definitions ({@code fieldsSql}).
 */
public record TableDefinition(
        String name, String label, String selectSql, Optional<String> customFieldsColumn, Optional<String> fieldsSql) {
    public static final String TENANT_PARAMETER = ":account_id";

    public boolean customFields() {
        return customFieldsColumn.isPresent();
    }

    /**
     * The table's SELECT for one account. The account id is inlined (a long cannot inject anything) because the
     * engine runs the query inside COPY, which takes no parameters.
     */
    public String accountQuery(long accountId) {
        return selectSql.replace(TENANT_PARAMETER, Long.toString(accountId));
    }

    /** The query of the tenant's custom field definitions, if the table has custom fields. */
    public Optional<String> fieldsQuery(long accountId) {
        return fieldsSql.map(sql -> sql.replace(TENANT_PARAMETER, Long.toString(accountId)));
    }

    /**
     * The statement the engine runs for one account: the built-in columns (not the custom field column itself), then
     * each custom field as a typed top-level value, rows in id order.
     */
    public String dumpSql(List<String> builtInFields, List<String> customFieldNames, long accountId) {
        StringJoiner columns = new StringJoiner(", ");
        for (String column : builtInFields) columns.add("q." + quote(column));
        for (String field : customFieldNames) {
            // Names are checked against ^[a-z][a-z0-9_]*$ before they are used, so quoting is enough.
            columns.add("q." + quote(customFieldsColumn.orElseThrow()) + " -> '" + field + "' AS " + quote(field));
        }
        return "SELECT " + columns + " FROM (" + accountQuery(accountId) + ") q ORDER BY q.id";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
