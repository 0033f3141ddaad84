package io.datadump.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The one way datadump's code talks to its database: each call borrows a pooled connection for one statement
 * ({@link #query}, {@link #update}, …) or for a unit of work ({@link #withHandle}, {@link #inTransaction}), and
 * turns every {@link SQLException} into a {@link DataAccessException}.
 */
public final class Jdbc {
    /** Work on one connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Handle handle) throws SQLException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public <T> List<T> query(String sql, Handle.RowMapper<T> mapper, Object... params) {
        return withHandle(h -> h.query(sql, mapper, params));
    }

    public <T> Optional<T> queryFirst(String sql, Handle.RowMapper<T> mapper, Object... params) {
        return withHandle(h -> h.queryFirst(sql, mapper, params));
    }

    public int update(String sql, Object... params) {
        return withHandle(h -> h.update(sql, params));
    }

    public long insert(String sql, Object... params) {
        return withHandle(h -> h.insert(sql, params));
    }

    /** Runs work on one connection in auto-commit mode. */
    public <T> T withHandle(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(Handle.on(c));
        } catch (SQLException e) {
            throw DataAccessException.of("database unavailable", e);
        }
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            Handle handle = Handle.on(c);
            c.setAutoCommit(false);
            try {
                T result = work.run(handle);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                handle.rollbackQuietly();
                throw e;
            } finally {
                handle.endTransactionQuietly();
            }
        } catch (SQLException e) {
            throw DataAccessException.of("transaction failed", e);
        }
    }
}
