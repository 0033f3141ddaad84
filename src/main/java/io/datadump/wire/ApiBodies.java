package io.datadump.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON bodies the API answers with (errors: {@link ErrorBody}): the server writes them and the backup client reads
 * them, so a renamed field breaks compilation, not a backup at night. Field names are the public contract. A reader
 * ignores fields it does not know, so an older client reads a newer server.
 */
public final class ApiBodies {
    private ApiBodies() {}

    /** What a table's name may be, in the catalog and on the wire: a client refuses any other before using it. */
    public static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** GET /v1/datadump: the caller's current dump (or the one chosen with ?dump= or ?date=). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DumpIndex(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("dump_id") long dumpId,
            @JsonProperty("date") String date,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("snapshot_at") String snapshotAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("gzip") boolean gzip,
            @JsonProperty("tables") List<IndexedTable> tables) {}

    /**
     * A table of a dump's index: {@code bytes}/{@code sha256} of the file as stored (gzip when the dump is), and
     * {@code json_bytes}/{@code json_sha256} of its plain JSON.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record IndexedTable(
            @JsonProperty("name") String name,
            @JsonProperty("label") String label,
            @JsonProperty("rows") long rows,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("sha256") String sha256,
            @JsonProperty("json_bytes") long jsonBytes,
            @JsonProperty("json_sha256") String jsonSha256,
            @JsonProperty("custom_fields") List<String> customFields,
            @JsonProperty("path") String path,

            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("changes")
            TableChanges changes,

            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("schema_sha256")
            String schemaSha256) {

        /** Whether the file is stored gzip-compressed (its stored bytes are not its plain JSON). */
        public boolean storedGzip() {
            return bytes != jsonBytes || !sha256.equals(jsonSha256);
        }
    }

    /** Rows added, changed and deleted since the dump {@code since_dump_id}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TableChanges(
            @JsonProperty("since_dump_id") long sinceDumpId,
            @JsonProperty("added") long added,
            @JsonProperty("changed") long changed,
            @JsonProperty("deleted") long deleted) {}

    /** GET /v1/datadump/dumps: the retained dumps, newest first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record History(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("dumps") List<HistoryEntry> dumps) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryEntry(
            @JsonProperty("dump_id") long dumpId,
            @JsonProperty("date") String date,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("snapshot_at") String snapshotAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("tables") List<HistoryTable> tables) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HistoryTable(
            @JsonProperty("name") String name,
            @JsonProperty("rows") long rows,
            @JsonProperty("sha256") String sha256) {}

    /** GET /v1/datadump/{table}?redirect=false: the signed link, for clients that must not follow redirects. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Link(
            @JsonProperty("url") String url,
            @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("format") String format,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("sha256") String sha256) {}

    /** The body of a redirect, for clients that show it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Redirect(@JsonProperty("location") String location) {}

    /** POST /v1/datadump/runs; {@code status} is a run status in lower case. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunQueued(
            @JsonProperty("run_id") long runId,
            @JsonProperty("status") String status,
            @JsonProperty("status_url") String statusUrl) {}

    /** GET /v1/datadump/destinations */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DestinationList(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("destinations") List<DestinationState> destinations) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DestinationState(
            @JsonProperty("name") String name,
            @JsonProperty("kind") String kind,
            @JsonProperty("target") String target,
            @JsonProperty("formats") List<String> formats,
            @JsonProperty("gzip") boolean gzip,
            @JsonProperty("tables") List<String> tables,
            @JsonProperty("keep_days") Integer keepDays,
            @JsonProperty("deliveries") List<DeliveryState> deliveries) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DeliveryState(
            @JsonProperty("dump_id") long dumpId,
            @JsonProperty("status") String status,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("queued_at") String queuedAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("files") Integer files,
            @JsonProperty("bytes") Long bytes,
            @JsonProperty("error") String error) {}

    /** GET /v1/datadump/runs/{id} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunState(
            @JsonProperty("run_id") long runId,
            @JsonProperty("status") String status,
            @JsonProperty("trigger") String trigger,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("rows") Long rows,
            @JsonProperty("bytes") Long bytes,
            @JsonProperty("error") String error) {}

    /** GET /health */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Health(
            @JsonProperty("status") String status,
            @JsonProperty("database") String database) {}
}
