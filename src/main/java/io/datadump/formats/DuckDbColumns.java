package io.datadump.formats;

import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.util.List;

/**
 * A table's types as DuckDB's {@code columns} map for {@code read_json} (e.g. {@code {'id': 'BIGINT', 'created_at':
 * 'TIMESTAMP'}}), the same types the Parquet file has: with it DuckDB types a JSON column the same on every day, empty
 * or not, instead of guessing from the day's values.
 */
final class DuckDbColumns {
    private DuckDbColumns() {}

    static String of(List<TypedColumn> columns) {
        StringBuilder map = new StringBuilder("{");
        for (TypedColumn c : columns) {
            if (map.length() > 1) map.append(", ");
            map.append('\'')
                    .append(c.name())
                    .append("': '")
                    .append(type(c.type()))
                    .append('\'');
        }
        return map.append('}').toString();
    }

    private static String type(ColumnType type) {
        String element = switch (type.kind()) {
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
            case FLOAT32 -> "FLOAT";
            case FLOAT64 -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP"; // the dump's timestamps are UTC without zone
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case TEXT -> "VARCHAR";
            case JSON -> "JSON";
        };
        return type.list() ? element + "[]" : element;
    }
}
