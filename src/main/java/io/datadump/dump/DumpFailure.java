package io.datadump.dump;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;

/**
 * A dump failed in one of its steps: the message names the step (and the table), then what happened, in a sentence an
 * operator can act on, never just a path.
 */
final class DumpFailure extends DumpException {
    DumpFailure(String step, Throwable cause) {
        super(step + ": " + describe(cause), cause);
    }

    /** Runs one step of a dump; a failure says which. */
    static <T> T step(String step, Work<T> work) {
        try {
            return work.call();
        } catch (DumpException e) {
            throw e;
        } catch (Exception e) {
            throw new DumpFailure(step, e);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T call() throws Exception;
    }

    /** What happened, in words: an exception's message alone can be a bare path (NoSuchFileException). */
    static String describe(Throwable failure) {
        if (RecoveryConflict.is(failure)) return RecoveryConflict.explain(failure);
        if (failure instanceof NoSuchFileException e) return "the file " + e.getFile() + " does not exist";
        if (failure instanceof AccessDeniedException e) return "no permission to write " + e.getFile();
        if (failure instanceof FileSystemException e) {
            String reason = e.getReason() == null ? "a file system error" : e.getReason();
            return reason + " (" + e.getFile() + ")";
        }
        if (failure instanceof SQLException e)
            return "the database answered " + e.getSQLState() + ": " + e.getMessage();
        String message = failure.getMessage();
        String kind = failure.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : message + " (" + kind + ")";
    }
}
