package io.datadump.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.datadump.dump.Manifest;
import io.datadump.dump.TableFile;

/** The body of a {@code dump.published} webhook. */
public record DumpPublishedEvent(
        @JsonProperty("event") String event,
        @JsonProperty("account_id") long accountId,
        @JsonProperty("dump_id") long dumpId,
        @JsonProperty("snapshot_at") String snapshotAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("tables") int tables,
        @JsonProperty("rows") long rows,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("index_path") String indexPath) {
    public static final String TYPE = "dump.published";

    static DumpPublishedEvent of(Manifest m) {
        return new DumpPublishedEvent(
                TYPE,
                m.accountId(),
                m.dumpId(),
                m.snapshotAt(),
                m.finishedAt(),
                m.tables().size(),
                m.tables().stream().mapToLong(TableFile::rows).sum(),
                m.tables().stream().mapToLong(TableFile::bytes).sum(),
                "/v1/datadump");
    }
}
