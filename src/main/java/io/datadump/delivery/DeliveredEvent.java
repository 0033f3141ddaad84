package io.datadump.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of a {@code datadump.delivered} webhook: a dump arrived complete in one of the account's destinations. */
public record DeliveredEvent(
        @JsonProperty("event") String event,
        @JsonProperty("account_id") long accountId,
        @JsonProperty("dump_id") long dumpId,
        @JsonProperty("destination") String destination,
        @JsonProperty("target") String target,
        @JsonProperty("files") int files,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("manifest_path") String manifestPath) {
    public static final String TYPE = "datadump.delivered";
}
