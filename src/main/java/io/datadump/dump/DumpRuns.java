package io.datadump.dump;

import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The dump_runs table: every run with its status, timings, sizes, error and (once published) manifest. */
public final class DumpRuns {
    private static final String COLUMNS = "id, account_id, status, trigger, node, storage_prefix, started_at, finished_at, row_count, byte_count, error, manifest";
    private final DataSource dataSource;
    private final ObjectMapper json;

    public DumpRuns(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    long start(long accountId, String trigger, String node, boolean gzip) throws SQLException {
        return insert("INSERT INTO dump_runs (account_id, status, trigger, node, gzip) VALUES (?, 'running', ?, ?, ?) RETURNING id",
                accountId, trigger, node, gzip);
    }

    /** Records a requested dump that a worker will start; its id is returned to the caller at once. */
    public long queue(long accountId, String trigger) throws SQLException {
        return insert("INSERT INTO dump_runs (account_id, status, trigger) VALUES (?, 'queued', ?) RETURNING id", accountId, trigger);
    }

    /** Turns a queued run into a running one on this node; false if it is not queued (any more). */
    boolean claim(long runId, String node, boolean gzip) throws SQLException {
        return update("UPDATE dump_runs SET status = 'running', node = ?, gzip = ?, started_at = now() WHERE id = ? AND status = 'queued'",
                node, gzip, runId) == 1;
    }

    /** When the account's newest run with this trigger started, if any. */
    public java.util.Optional<java.time.Instant> lastStarted(long accountId, String trigger) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT max(started_at) FROM dump_runs WHERE account_id = ? AND trigger = ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, trigger);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return java.util.Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void setPrefix(long runId, String prefix) throws SQLException {
        update("UPDATE dump_runs SET storage_prefix = ? WHERE id = ?", prefix, runId);
    }

    /** Runs left 'running' by a node that died: only called while holding the account's dump lock. */
    void failAbandoned(long accountId, long currentRunId) throws SQLException {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "UPDATE dump_runs SET status = 'failed', finished_at = now(), error = 'abandoned: the node running it stopped' "
                        + "WHERE account_id = ? AND status = 'running' AND id <> ?")) {
            ps.setLong(1, accountId);
            ps.setLong(2, currentRunId);
            ps.executeUpdate();
        }
    }

    void publish(long runId, Manifest manifest, java.time.Instant snapshotAt) throws SQLException {
        long rows = manifest.tables().stream().mapToLong(TableFile::rows).sum();
        long bytes = manifest.tables().stream().mapToLong(TableFile::bytes).sum();
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "UPDATE dump_runs SET status = 'published', finished_at = now(), snapshot_at = ?, table_count = ?, row_count = ?, "
                        + "byte_count = ?, manifest = ?::jsonb WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(snapshotAt));
            ps.setInt(2, manifest.tables().size());
            ps.setLong(3, rows);
            ps.setLong(4, bytes);
            ps.setString(5, json.writeValueAsString(manifest));
            ps.setLong(6, runId);
            ps.executeUpdate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void fail(long runId, String error) {
        try {
            update("UPDATE dump_runs SET status = 'failed', finished_at = now(), error = ? WHERE id = ?", error, runId);
        } catch (SQLException ignored) {
            // the database itself is failing; the run stays 'running' and is marked abandoned by the next run
        }
    }

    void markPruned(long runId) throws SQLException {
        update("UPDATE dump_runs SET status = CASE WHEN status = 'published' THEN 'pruned' ELSE status END, storage_prefix = NULL, manifest = NULL WHERE id = ?", runId);
    }

    /** The account's current dump: its newest published run. */
    public Optional<DumpRun> current(long accountId) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM dump_runs WHERE account_id = ? AND status = 'published' ORDER BY id DESC LIMIT 1")) {
            ps.setLong(1, accountId);
            return read(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<DumpRun> find(long runId) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dump_runs WHERE id = ?")) {
            ps.setLong(1, runId);
            return read(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Newest first; accountId null lists all accounts. */
    public List<DumpRun> recent(Long accountId, int limit) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM dump_runs WHERE (?::bigint IS NULL OR account_id = ?) ORDER BY id DESC LIMIT ?")) {
            ps.setObject(1, accountId);
            ps.setObject(2, accountId);
            ps.setInt(3, limit);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Published runs beyond the newest {@code keep}, and failed runs that still have files. */
    List<DumpRun> expired(long accountId, int keep) {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dump_runs WHERE account_id = ? AND ("
                + " (status = 'published' AND id NOT IN (SELECT id FROM dump_runs WHERE account_id = ? AND status = 'published' ORDER BY id DESC LIMIT ?))"
                + " OR (status = 'failed' AND storage_prefix IS NOT NULL)) ORDER BY id")) {
            ps.setLong(1, accountId);
            ps.setLong(2, accountId);
            ps.setInt(3, keep);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DumpRun> read(java.sql.PreparedStatement ps) throws SQLException {
        List<DumpRun> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp finished = rs.getTimestamp(8);
                String manifest = rs.getString(12);
                out.add(new DumpRun(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant(), Optional.ofNullable(finished).map(Timestamp::toInstant),
                        Optional.ofNullable((Long) rs.getObject(9)), Optional.ofNullable((Long) rs.getObject(10)),
                        Optional.ofNullable(rs.getString(11)), Optional.ofNullable(manifest).map(this::parse)));
            }
        }
        return out;
    }

    private Manifest parse(String manifest) {
        try {
            return json.readValue(manifest, Manifest.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable manifest", e);
        }
    }

    /** Runs an UPDATE whose parameters are the given values, in order. */
    /** Runs an UPDATE; returns the number of rows it changed. */
    private int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }

    /** Runs an INSERT … RETURNING id; returns the id. */
    private long insert(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
