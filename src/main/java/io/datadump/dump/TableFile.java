package io.datadump.dump;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One table's file in a dump, as listed in manifest.json. */
public record TableFile(
        @JsonProperty("name") String name,
        @JsonProperty("file") String file,
        @JsonProperty("rows") long rows,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("json_bytes") long jsonBytes,
        @JsonProperty("json_sha256") String jsonSha256,
        @JsonProperty("content_encoding") String contentEncoding,
        @JsonProperty("custom_fields") List<String> customFields) {}
