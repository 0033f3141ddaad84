package io.datadump.dump;

/** A dump could not be made; the message says why. */
public class DumpException extends RuntimeException {
    public DumpException(String message, Throwable cause) {
        super(message, cause);
    }

    public DumpException(String message) {
        super(message);
    }

    /** The account lacks the datadump entitlement. */
    public static final class NotEnabled extends DumpException {
        public NotEnabled(long accountId) {
            super("datadump is not enabled for account " + accountId
                    + " (it is a paid feature; enable it with 'datadump accounts enable-datadump " + accountId + "')");
        }
    }

    /** Another dump of the same account runs right now (on this or another node). */
    public static final class AlreadyRunning extends DumpException {
        public AlreadyRunning(long accountId) {
            super("a dump of account " + accountId + " is already running");
        }
    }
}
