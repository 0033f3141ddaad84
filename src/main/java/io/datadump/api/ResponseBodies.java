package io.datadump.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.datadump.access.ErrorBody;
import io.datadump.dump.RunStatus;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import java.util.List;

/** The JSON bodies the API answers with (errors: {@link ErrorBody}). Field names are the public contract. */
final class ResponseBodies {
    private ResponseBodies() {}

    /** GET /v1/datadump: the caller's current dump (or the one chosen with ?dump= or ?date=). */
    record DumpIndex(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("dump_id") long dumpId,
            @JsonProperty("date") String date,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("snapshot_at") String snapshotAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("gzip") boolean gzip,
            @JsonProperty("tables") List<IndexedTable> tables) {}

    record IndexedTable(
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
            TableFile.TableChanges changes,

            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("schema_sha256")
            String schemaSha256) {}

    /** GET /v1/datadump/dumps: the retained dumps, newest first. */
    record History(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("dumps") List<HistoryEntry> dumps) {}

    record HistoryEntry(
            @JsonProperty("dump_id") long dumpId,
            @JsonProperty("date") String date,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("snapshot_at") String snapshotAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("tables") List<HistoryTable> tables) {}

    record HistoryTable(
            @JsonProperty("name") String name,
            @JsonProperty("rows") long rows,
            @JsonProperty("sha256") String sha256) {}

    /** GET /v1/datadump/{table}?redirect=false: the signed link, for clients that must not follow redirects. */
    record Link(
            @JsonProperty("url") String url,
            @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("format") String format,
            @JsonProperty("bytes") long bytes,
            @JsonProperty("sha256") String sha256) {}

    /** The body of a redirect, for clients that show it. */
    record Redirect(@JsonProperty("location") String location) {}

    /** POST /v1/datadump/runs */
    record RunQueued(
            @JsonProperty("run_id") long runId,
            @JsonProperty("status") RunStatus status,
            @JsonProperty("status_url") String statusUrl) {}

    /** GET /v1/datadump/runs/{id} */
    record RunState(
            @JsonProperty("run_id") long runId,
            @JsonProperty("status") RunStatus status,
            @JsonProperty("trigger") RunTrigger trigger,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("finished_at") String finishedAt,
            @JsonProperty("rows") Long rows,
            @JsonProperty("bytes") Long bytes,
            @JsonProperty("error") String error) {}

    /** GET /health */
    record Health(
            @JsonProperty("status") String status,
            @JsonProperty("database") String database) {}
}
