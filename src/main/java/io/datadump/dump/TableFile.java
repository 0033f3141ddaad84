package io.datadump.dump;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

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
        String schemaSha256) {

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
                schemaSha256);
    }

    public boolean gzip() {
        return "gzip".equals(contentEncoding);
    }
}
