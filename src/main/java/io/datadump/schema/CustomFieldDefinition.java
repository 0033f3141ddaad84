package io.datadump.schema;

import java.util.List;

public record CustomFieldDefinition(
        long id,
        long accountId,
        String entity,
        String name,
        String label,
        CustomFieldType type,
        List<String> options,
        int position) {}
