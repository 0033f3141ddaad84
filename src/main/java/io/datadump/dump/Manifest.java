package io.datadump.dump;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** manifest.json: written last into a dump's directory; describes every file of the dump. */
public record Manifest(
        @JsonProperty("format") String format,
        @JsonProperty("dump_id") long dumpId,
        @JsonProperty("account_id") long accountId,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("snapshot_at") String snapshotAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("gzip") boolean gzip,
        @JsonProperty("tables") List<TableFile> tables) {

    public static final String FORMAT = "datadump/1";

    public Optional<TableFile> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
