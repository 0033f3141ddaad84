package io.datadump.formats;

import io.datadump.schema.ColumnType;
import io.datadump.schema.TypedColumn;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * A table's Parquet schema from its column types: integers as INT32/INT64, decimals as DECIMAL with their precision and
 * scale, dates as DATE, timestamps as TIMESTAMP(MICROS) adjusted to UTC (the dump's timestamps are UTC), text as
 * STRING, JSON values as STRING with the JSON logical type, arrays as the standard three-level LIST. Nullability is the
 * column's own.
 */
final class ParquetSchema {
    private ParquetSchema() {}

    static MessageType of(String table, List<TypedColumn> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (TypedColumn c : columns) message.addField(field(c));
        return message.named(table);
    }

    private static Type field(TypedColumn column) {
        ColumnType type = column.type();
        Repetition repetition = column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        if (!type.list()) return primitive(type, repetition).named(column.name());
        return Types.buildGroup(repetition)
                .as(LogicalTypeAnnotation.listType())
                .addField(Types.repeatedGroup()
                        .addField(primitive(type, Repetition.OPTIONAL).named("element"))
                        .named("list"))
                .named(column.name());
    }

    private static Types.PrimitiveBuilder<PrimitiveType> primitive(ColumnType type, Repetition repetition) {
        return switch (type.kind()) {
            case INT32 -> Types.primitive(PrimitiveTypeName.INT32, repetition);
            case INT64 -> Types.primitive(PrimitiveTypeName.INT64, repetition);
            case DECIMAL ->
                Types.primitive(decimalStorage(type.precision()), repetition)
                        .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()));
            case FLOAT32 -> Types.primitive(PrimitiveTypeName.FLOAT, repetition);
            case FLOAT64 -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition);
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType());
            case TIMESTAMP, TIMESTAMPTZ ->
                Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
            case TEXT -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType());
            case JSON -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.jsonType());
        };
    }

    /** Where Parquet keeps a value of this type. */
    static PrimitiveTypeName storage(ColumnType type) {
        return switch (type.kind()) {
            case INT32, DATE -> PrimitiveTypeName.INT32;
            case INT64, TIMESTAMP, TIMESTAMPTZ -> PrimitiveTypeName.INT64;
            case DECIMAL -> decimalStorage(type.precision());
            case FLOAT32 -> PrimitiveTypeName.FLOAT;
            case FLOAT64 -> PrimitiveTypeName.DOUBLE;
            case BOOLEAN -> PrimitiveTypeName.BOOLEAN;
            case TEXT, JSON -> PrimitiveTypeName.BINARY;
        };
    }

    /** Parquet's preferred storage of a decimal: INT32 up to 9 digits, INT64 up to 18, else a byte array. */
    static PrimitiveTypeName decimalStorage(int precision) {
        if (precision <= 9) return PrimitiveTypeName.INT32;
        if (precision <= 18) return PrimitiveTypeName.INT64;
        return PrimitiveTypeName.BINARY;
    }
}
