package io.datadump.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Every error answer: {@code error} (a stable code to branch on), {@code message} (what to do), {@code errors} (the
 * message again, as Propstack's API answers errors: clients written for it read {@code errors[0]}), and where it helps
 * the caller, the valid tables or values, the oldest dump still kept, the next dump's time or the seconds to wait.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"error", "message", "errors"})
public record ErrorBody(
        @JsonProperty("error") String error,
        @JsonProperty("message") String message,
        @JsonProperty("tables") List<String> tables,
        @JsonProperty("allowed") List<String> allowed,
        @JsonProperty("oldest_retained") DumpRef oldestRetained,
        @JsonProperty("next_dump_at") String nextDumpAt,
        @JsonProperty("retry_after_seconds") Long retryAfterSeconds) {

    /** A dump named by id and day. */
    public record DumpRef(
            @JsonProperty("dump_id") long dumpId,
            @JsonProperty("date") String date) {}

    /** Propstack's shape: {@code {"errors": ["<message>"]}}. */
    @JsonProperty("errors")
    public List<String> errors() {
        return List.of(message);
    }

    public static ErrorBody of(String error, String message) {
        return new ErrorBody(error, message, null, null, null, null, null);
    }

    public ErrorBody withTables(List<String> tables) {
        return new ErrorBody(error, message, tables, allowed, oldestRetained, nextDumpAt, retryAfterSeconds);
    }

    public ErrorBody withAllowed(List<String> allowed) {
        return new ErrorBody(error, message, tables, allowed, oldestRetained, nextDumpAt, retryAfterSeconds);
    }

    public ErrorBody withOldestRetained(DumpRef oldest) {
        return new ErrorBody(error, message, tables, allowed, oldest, nextDumpAt, retryAfterSeconds);
    }

    public ErrorBody withNextDumpAt(String nextDumpAt) {
        return new ErrorBody(error, message, tables, allowed, oldestRetained, nextDumpAt, retryAfterSeconds);
    }

    public ErrorBody withRetryAfterSeconds(long seconds) {
        return new ErrorBody(error, message, tables, allowed, oldestRetained, nextDumpAt, seconds);
    }
}
