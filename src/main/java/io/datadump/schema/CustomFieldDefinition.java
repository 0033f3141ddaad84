package io.datadump.schema;

import java.util.List;

/** A tenant's custom field of one table: a top-level key of its rows, after the built-in ones, in position order. */
public record CustomFieldDefinition(
        String entity, String name, String label, CustomFieldType type, List<String> options, int position) {}
