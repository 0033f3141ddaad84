package io.datadump.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Statements on one connection: parameters are bound in order (an {@link Instant}, {@link LocalTime},
 * {@link Optional} or collection of strings as the matching SQL type, anything else with setObject), and rows are
 * mapped by a {@link RowMapper}. Every failure becomes a {@link DataAccessException} naming the statement's purpose.
 */
public final class Handle {
    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;

    private Handle(Connection connection) {
        this.connection = connection;
    }

    /** Statements on a connection the caller owns (and closes). */
    public static Handle on(Connection connection) {
        return new Handle(connection);
    }

    public Connection connection() {
        return connection;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = prepare(sql, params);
                ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(mapper.map(rs));
            return out;
        } catch (SQLException e) {
            throw DataAccessException.of(describe(sql), e);
        }
    }

    /** The first row, if any. */
    public <T> Optional<T> queryFirst(String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = prepare(sql, params)) {
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw DataAccessException.of(describe(sql), e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public int update(String sql, Object... params) {
        try (PreparedStatement ps = prepare(sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw DataAccessException.of(describe(sql), e);
        }
    }

    /** Runs one statement for each set of parameters, sent as one batch. */
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) bind(ps, i + 1, row[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw DataAccessException.of(describe(sql), e);
        }
    }

    /** Runs an {@code INSERT … RETURNING id}; returns the id. */
    public long insert(String sql, Object... params) {
        return queryFirst(sql, rs -> rs.getLong(1), params)
                .orElseThrow(() -> new IllegalStateException("insert returned no id: " + describe(sql)));
    }

    /** One output column of a query: its label and PostgreSQL type name. */
    public record ColumnInfo(String label, String type) {}

    /** The output columns of a query, as the server describes it without running it. */
    public List<ColumnInfo> columnsOf(String sql) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            var md = ps.getMetaData();
            List<ColumnInfo> out = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                out.add(new ColumnInfo(md.getColumnLabel(i), md.getColumnTypeName(i)));
            }
            return out;
        } catch (SQLException e) {
            throw DataAccessException.of(describe(sql), e);
        }
    }

    /** Runs a statement that takes no parameters and returns nothing (SET, LOCK, …). */
    public void execute(String sql) {
        try (var st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw DataAccessException.of(describe(sql), e);
        }
    }

    /**
     * Rolls back, ignoring failure: the connection may be what failed, and the pool then discards it. On a stream a
     * stall broke mid-COPY the driver can also throw unchecked (seen: NoSuchElementException from rollback in the
     * fault test), which must not replace the failure being handled.
     */
    public void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // a broken connection is discarded by the pool
        }
    }

    /**
     * Closes the connection at once, without a word to the server (which rolls back what it had open when it sees the
     * session end): for a failure of the network, where a rollback would wait out the socket timeout once more.
     */
    public void abortQuietly() {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // closed already
        }
    }

    /** Whether {@code failure} is, or was caused by, a lost or timed-out connection (SQLState class 08). */
    public static boolean isConnectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e
                    && e.getSQLState() != null
                    && e.getSQLState().startsWith("08")) return true;
        }
        return false;
    }

    /** Returns the connection to auto-commit, read-write use before it goes back to the pool. */
    public void endTransactionQuietly() {
        try {
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException ignored) {
            // a broken connection is discarded by the pool
        }
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < params.length; i++) bind(ps, i + 1, params[i]);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    private void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Optional<?> o) value = o.orElse(null);
        if (value instanceof Instant t) ps.setTimestamp(index, Timestamp.from(t));
        else if (value instanceof LocalTime t) ps.setTime(index, Time.valueOf(t));
        else if (value instanceof Collection<?> c) ps.setArray(index, connection.createArrayOf("text", c.toArray()));
        else ps.setObject(index, value);
    }

    /** The statement's first line, for messages: enough to recognise it, never its parameters. */
    private static String describe(String sql) {
        String first = sql.strip().lines().findFirst().orElse("");
        return first.length() > 80 ? first.substring(0, 80) + "…" : first;
    }
}
