package io.datadump.dump;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.datadump.schema.CustomFieldDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One table's file in a dump, as listed in manifest.json. {@code keys} are a row's keys in order (built-in, then
 * custom fields); {@code changes} counts the rows added, changed and deleted since the previous dump; {@code
 * schema_sha256} identifies the table's JSON Schema for this account, so a client sees when it changed. Manifests
 * written by earlier versions lack these three.
 */
public record TableFile(
        @JsonProperty("name") String name,
        @JsonProperty("file") String file,
        @JsonProperty("rows") long rows,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("json_bytes") long jsonBytes,
        @JsonProperty("json_sha256") String jsonSha256,
        @JsonProperty("content_encoding") String contentEncoding,
        @JsonProperty("custom_fields") List<String> customFields,

        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("keys")
        List<String> keys,

        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("changes")
        TableChanges changes,

        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("schema_sha256")
        String schemaSha256,

        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("custom_field_definitions")
        List<CustomFieldDefinition> customFieldDefinitions) {

    /** Rows added, changed and deleted since the dump {@code sinceDumpId}. */
    public record TableChanges(
            @JsonProperty("since_dump_id") long sinceDumpId,
            @JsonProperty("added") long added,
            @JsonProperty("changed") long changed,
            @JsonProperty("deleted") long deleted) {}

    public TableFile withChanges(TableChanges changes) {
        return new TableFile(
                name,
                file,
                rows,
                bytes,
                sha256,
                jsonBytes,
                jsonSha256,
                contentEncoding,
                customFields,
                keys,
                changes,
                schemaSha256,
                customFieldDefinitions);
    }

    /**
     * The custom fields of this file as they were defined when it was dumped (so a dump's schema and types stay those of
     * its rows after a field is deleted or re-typed); for a manifest from before definitions were recorded, those of the
     * dumped fields that {@code definedNow} still has.
     */
    public List<CustomFieldDefinition> fieldDefinitions(Supplier<List<CustomFieldDefinition>> definedNow) {
        if (customFieldDefinitions != null) return customFieldDefinitions;
        Map<String, CustomFieldDefinition> defined = new HashMap<>();
        for (CustomFieldDefinition f : definedNow.get()) defined.put(f.name(), f);
        return customFields.stream()
                .filter(defined::containsKey)
                .map(defined::get)
                .toList();
    }

    public boolean gzip() {
        return "gzip".equals(contentEncoding);
    }
}
