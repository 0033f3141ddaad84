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

    /** The node is stopping: the dump was ended (or not begun) so the node could stop; it is run again. */
    public static final class Stopped extends DumpException {
        public Stopped() {
            super(MESSAGE);
        }

        public Stopped(Throwable cause) {
            super(MESSAGE, cause);
        }

        private static final String MESSAGE = "the node stopped while the dump ran; the dump is run again";
    }
}
