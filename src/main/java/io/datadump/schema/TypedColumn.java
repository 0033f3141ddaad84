package io.datadump.schema;

/** One key of a dumped row with its type and whether it can be null. */
public record TypedColumn(String name, ColumnType type, boolean nullable) {}
