package io.datadump.backup;

/** A backup command cannot go on; the message is one sentence saying what to do. */
public final class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
