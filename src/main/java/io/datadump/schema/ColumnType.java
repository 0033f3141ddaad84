package io.datadump.schema;

/**
 * What one key of a dumped row holds, as the typed formats (Parquet, xlsx, csv-excel) write it: known from the
 * source's description of the table's query and the tenant's custom field definitions, never guessed from the data, so
 * an all-null column has its real type and a type never changes with the values.
 *
 * @param kind the value's kind (for a list, its elements' kind)
 * @param list whether the value is an array of {@code kind}
 * @param precision a decimal's total digits, else 0
 * @param scale a decimal's digits after the point, else 0
 */
public record ColumnType(Kind kind, boolean list, int precision, int scale) {
    /** Decimals wider than this have no exact Parquet or DuckDB type: they become doubles. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public enum Kind {
        INT32,
        INT64,
        DECIMAL,
        FLOAT32,
        FLOAT64,
        BOOLEAN,
        DATE,
        /** PostgreSQL's timestamp: the dump writes it without zone, and it holds UTC. */
        TIMESTAMP,
        /** PostgreSQL's timestamptz: the dump writes it with its offset. */
        TIMESTAMPTZ,
        TEXT,
        /** A JSON value (object, array or scalar), kept as its JSON text. */
        JSON
    }

    public static ColumnType of(Kind kind) {
        return new ColumnType(kind, false, 0, 0);
    }

    /**
     * The type of a PostgreSQL type name as the source's description gives it ({@code _int8} is an array of int8), with
     * a numeric's declared precision and scale. A numeric without them (any scale) is a double: no fixed-point type
     * holds every value it can have. Enums, uuids and any type not named here are text, as the dump writes them.
     */
    public static ColumnType ofPostgres(String pgType, int precision, int scale) {
        boolean list = pgType.startsWith("_");
        String element = list ? pgType.substring(1) : pgType;
        Kind kind = switch (element) {
            case "int2", "int4", "smallserial", "serial" -> Kind.INT32;
            case "int8", "bigserial", "oid" -> Kind.INT64;
            case "numeric" -> precision > 0 && precision <= MAX_DECIMAL_PRECISION ? Kind.DECIMAL : Kind.FLOAT64;
            case "float4" -> Kind.FLOAT32;
            case "float8", "money" -> Kind.FLOAT64;
            case "bool" -> Kind.BOOLEAN;
            case "date" -> Kind.DATE;
            case "timestamp" -> Kind.TIMESTAMP;
            case "timestamptz" -> Kind.TIMESTAMPTZ;
            case "json", "jsonb" -> Kind.JSON;
            default -> Kind.TEXT;
        };
        if (kind == Kind.JSON && list) return of(Kind.JSON); // an array of json values: one JSON text
        return kind == Kind.DECIMAL ? new ColumnType(kind, list, precision, scale) : new ColumnType(kind, list, 0, 0);
    }

    /** The type of a custom field's values, by its definition. */
    public static ColumnType ofCustomField(CustomFieldType type) {
        return switch (type) {
            case STRING, SELECT -> of(Kind.TEXT);
            case NUMBER -> of(Kind.FLOAT64);
            case BOOLEAN -> of(Kind.BOOLEAN);
            case DATE -> of(Kind.DATE);
            case MULTISELECT -> new ColumnType(Kind.TEXT, true, 0, 0);
        };
    }
}
