package io.datadump.db;

import java.sql.SQLException;

/**
 * A database operation failed. Unchecked, so callers handle only what they can act on; it keeps the SQLState,
 * and the two violations callers do act on have their own types.
 */
public class DataAccessException extends RuntimeException {
    private final String sqlState;

    public DataAccessException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    /** The SQLState of the failure (e.g. 57014 for a cancelled statement), or null if the driver gave none. */
    public String sqlState() {
        return sqlState;
    }

    /** Wraps a failure in its most specific type. */
    public static DataAccessException of(String action, SQLException e) {
        String state = e.getSQLState();
        if ("23505".equals(state)) return new UniqueViolation(action, e);
        if ("23503".equals(state)) return new ForeignKeyViolation(action, e);
        return new DataAccessException(action, e);
    }

    /** A row with the same unique key exists already (SQLState 23505). */
    public static final class UniqueViolation extends DataAccessException {
        UniqueViolation(String message, SQLException cause) {
            super(message, cause);
        }
    }

    /** A row refers to a row that does not exist (SQLState 23503). */
    public static final class ForeignKeyViolation extends DataAccessException {
        ForeignKeyViolation(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
