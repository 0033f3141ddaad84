package io.datadump.dump;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.db.DataAccessException;
import io.datadump.db.Jdbc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The dump_runs table: every run with its status, timings, sizes, error and (once published) manifest. */
public final class DumpRuns {
    private static final String COLUMNS = "id, account_id, status, trigger, node, storage_prefix, started_at,"
            + " finished_at, row_count, byte_count, error, manifest";
    private final Jdbc jdbc;
    private final ObjectMapper json;

    public DumpRuns(Jdbc jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long start(long accountId, RunTrigger trigger, String node, boolean gzip) {
        return jdbc.insert(
                "INSERT INTO dump_runs (account_id, status, trigger, node, gzip) VALUES (?, 'running', ?, ?, ?)"
                        + " RETURNING id",
                accountId,
                trigger.key(),
                node,
                gzip);
    }

    /** Records a requested dump that a worker will start; its id is returned to the caller at once. */
    public long queue(long accountId, RunTrigger trigger) {
        return jdbc.insert(
                "INSERT INTO dump_runs (account_id, status, trigger) VALUES (?, 'queued', ?) RETURNING id",
                accountId,
                trigger.key());
    }

    /**
     * Turns a queued run into a running one on this node, or takes over a run whose node died while running it (the
     * caller holds the account's dump lock, so no live node runs it); false if the run is neither.
     */
    boolean claim(long runId, String node, boolean gzip) {
        return jdbc.update(
                        "UPDATE dump_runs SET status = 'running', node = ?, gzip = ?, started_at = now(), error = NULL"
                                + " WHERE id = ? AND (status IN ('queued', 'running')"
                                + " OR (status = 'failed' AND error LIKE 'abandoned:%'))",
                        node, gzip, runId)
                == 1;
    }

    /**
     * When the account's newest run with this trigger started, counting only runs that are queued, running or were
     * published: a run that failed (or was abandoned by a dying node) does not use up the account's on-demand quota.
     */
    public Optional<Instant> lastStarted(long accountId, RunTrigger trigger) {
        return jdbc.queryFirst(
                "SELECT max(started_at) FROM dump_runs WHERE account_id = ? AND trigger = ?"
                        + " AND status IN ('queued', 'running', 'published', 'pruned')",
                rs -> Optional.ofNullable(rs.getTimestamp(1))
                        .map(Timestamp::toInstant)
                        .orElse(null),
                accountId,
                trigger.key());
    }

    /** Runs that say they are running, on any node. */
    List<DumpRun> running() {
        return jdbc.query("SELECT " + COLUMNS + " FROM dump_runs WHERE status = 'running' ORDER BY id", this::map);
    }

    /** Deletes a queued run that never got a task (it lost a race), leaving no trace of it. */
    public void forget(long runId) {
        jdbc.update("DELETE FROM dump_runs WHERE id = ? AND status = 'queued'", runId);
    }

    void setPrefix(long runId, String prefix) {
        jdbc.update("UPDATE dump_runs SET storage_prefix = ? WHERE id = ?", prefix, runId);
    }

    /** Runs left 'running' by a node that died: only called while holding the account's dump lock. */
    void failAbandoned(long accountId, long currentRunId) {
        jdbc.update(
                "UPDATE dump_runs SET status = 'failed', finished_at = now(),"
                        + " error = 'abandoned: the node running it stopped'"
                        + " WHERE account_id = ? AND status = 'running' AND id <> ?",
                accountId,
                currentRunId);
    }

    void publish(long runId, Manifest manifest, Instant snapshotAt) {
        long rows = manifest.tables().stream().mapToLong(TableFile::rows).sum();
        long bytes = manifest.tables().stream().mapToLong(TableFile::bytes).sum();
        jdbc.update(
                "UPDATE dump_runs SET status = 'published', finished_at = now(), snapshot_at = ?, table_count = ?,"
                        + " row_count = ?, byte_count = ?, manifest = ?::jsonb WHERE id = ?",
                snapshotAt,
                manifest.tables().size(),
                rows,
                bytes,
                write(manifest),
                runId);
    }

    /**
     * Dates a published run as if its snapshot had been taken at {@code snapshotAt} (in the database and its manifest):
     * how the storage benchmark lays a week of dumps out in one run.
     */
    public void redate(long runId, Instant snapshotAt) {
        jdbc.update(
                "UPDATE dump_runs SET snapshot_at = ?,"
                        + " manifest = jsonb_set(manifest, '{snapshot_at}', to_jsonb(?::text)) WHERE id = ?",
                snapshotAt,
                snapshotAt.toString(),
                runId);
    }

    public void fail(long runId, String error) {
        try {
            jdbc.update(
                    "UPDATE dump_runs SET status = 'failed', finished_at = now(), error = ? WHERE id = ?",
                    error,
                    runId);
        } catch (DataAccessException ignored) {
            // the database itself is failing; the run stays 'running' and is marked abandoned by the next run
        }
    }

    void markPruned(long runId) {
        jdbc.update("DELETE FROM dump_representations WHERE run_id = ?", runId);
        jdbc.update(
                "UPDATE dump_runs SET status = CASE WHEN status IN ('published', 'expiring') THEN 'pruned' ELSE status END,"
                        + " storage_prefix = NULL, manifest = NULL WHERE id = ?",
                runId);
    }

    /**
     * The order of an account's published dumps, newest first: by the moment their data is from. A run's id says when
     * it was asked for, not when it read: an on-demand run queued before a later dump may run after it.
     */
    private static final String NEWEST_SNAPSHOT_FIRST = " ORDER BY snapshot_at DESC NULLS LAST, id DESC";

    /** The account's current dump: the published run with the newest snapshot. */
    public Optional<DumpRun> current(long accountId) {
        return jdbc.queryFirst(
                "SELECT " + COLUMNS + " FROM dump_runs WHERE account_id = ? AND status = 'published'"
                        + NEWEST_SNAPSHOT_FIRST + " LIMIT 1",
                this::map,
                accountId);
    }

    public Optional<DumpRun> find(long runId) {
        return jdbc.queryFirst("SELECT " + COLUMNS + " FROM dump_runs WHERE id = ?", this::map, runId);
    }

    /** Newest first; a null account lists all accounts. */
    public List<DumpRun> recent(Long accountId, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS
                        + " FROM dump_runs WHERE (?::bigint IS NULL OR account_id = ?) ORDER BY id DESC LIMIT ?",
                this::map,
                accountId,
                accountId,
                limit);
    }

    /** The account's published dumps, newest snapshot first: its history. */
    public List<DumpRun> published(long accountId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM dump_runs WHERE account_id = ? AND status = 'published'"
                        + NEWEST_SNAPSHOT_FIRST,
                this::map,
                accountId);
    }

    /** A published dump as retention sees it: where its files are and the moment its data is from. */
    record Retained(long id, long accountId, String storagePrefix, Instant snapshotAt) {}

    /**
     * The account's published dumps, newest snapshot first, without their manifests: retention runs after every dump,
     * and parsing every kept manifest (26 tables each) for a date was a good part of a small tenant's dump.
     */
    List<Retained> publishedForRetention(long accountId) {
        return jdbc.query(
                "SELECT id, account_id, storage_prefix, coalesce(snapshot_at, started_at)"
                        + " FROM dump_runs WHERE account_id = ? AND status = 'published'" + NEWEST_SNAPSHOT_FIRST,
                this::retained,
                accountId);
    }

    /**
     * Retention no longer keeps the run: it is offered no more, and its files are deleted after {@code deleteAfter}
     * (links to it may be in use until then).
     */
    void expire(long runId, Instant deleteAfter) {
        jdbc.update(
                "UPDATE dump_runs SET status = 'expiring', delete_after = ? WHERE id = ? AND status = 'published'",
                deleteAfter,
                runId);
    }

    /** Expiring runs whose files may go now: of one account, or of all with a null {@code accountId}. */
    List<Retained> expiredBy(Instant now, Long accountId) {
        return jdbc.query(
                "SELECT id, account_id, storage_prefix, coalesce(snapshot_at, started_at) FROM dump_runs"
                        + " WHERE status = 'expiring' AND delete_after <= ? AND (?::bigint IS NULL OR account_id = ?)"
                        + " ORDER BY id",
                this::retained,
                now,
                accountId,
                accountId);
    }

    private Retained retained(ResultSet rs) throws SQLException {
        return new Retained(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getTimestamp(4).toInstant());
    }

    /** The account's runs that have files in storage (of any status), oldest first. */
    List<DumpRun> withFiles(long accountId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM dump_runs WHERE account_id = ? AND storage_prefix IS NOT NULL ORDER BY id",
                this::map,
                accountId);
    }

    /** Accounts with a dump in storage. */
    List<Long> accountsWithDumps() {
        return jdbc.query(
                "SELECT DISTINCT account_id FROM dump_runs WHERE storage_prefix IS NOT NULL ORDER BY account_id",
                rs -> rs.getLong(1));
    }

    /** Failed runs that still have files in storage. */
    List<DumpRun> failedWithFiles(long accountId) {
        return jdbc.query(
                "SELECT " + COLUMNS
                        + " FROM dump_runs WHERE account_id = ? AND status = 'failed' AND storage_prefix IS NOT NULL ORDER BY id",
                this::map,
                accountId);
    }

    private DumpRun map(ResultSet rs) throws SQLException {
        return new DumpRun(
                rs.getLong(1),
                rs.getLong(2),
                RunStatus.parse(rs.getString(3)),
                RunTrigger.parse(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                rs.getTimestamp(7).toInstant(),
                Optional.ofNullable(rs.getTimestamp(8)).map(Timestamp::toInstant),
                Optional.ofNullable((Long) rs.getObject(9)),
                Optional.ofNullable((Long) rs.getObject(10)),
                Optional.ofNullable(rs.getString(11)),
                Optional.ofNullable(rs.getString(12)).map(this::read));
    }

    private String write(Manifest manifest) {
        try {
            return json.writeValueAsString(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Manifest read(String manifest) {
        try {
            return json.readValue(manifest, Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable manifest", e);
        }
    }
}
