package io.datadump.dump;

import java.sql.SQLException;

/**
 * A dump read from a hot standby can be cancelled by the standby when replaying its primary's changes would remove row
 * versions the dump's snapshot still needs (SQLState 40001, "conflict with recovery"). The run then fails with a reason
 * that says so and what to change, and is retried like any failed run.
 */
final class RecoveryConflict {
    private RecoveryConflict() {}

    /** The failure's message, explained when it is a recovery conflict. */
    static String explain(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return is(failure)
                ? "the source is a hot standby and cancelled the dump to replay changes from its primary (a recovery"
                        + " conflict); set hot_standby_feedback = on or raise max_standby_streaming_delay on the"
                        + " standby: " + message
                : message;
    }

    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e
                    && "40001".equals(e.getSQLState())
                    && String.valueOf(e.getMessage()).contains("conflict with recovery")) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }
}
