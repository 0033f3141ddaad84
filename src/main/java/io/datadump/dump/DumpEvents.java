package io.datadump.dump;

/**
 * What happens to dumps, for those who follow them: the metrics, webhooks, the API's cache, the command line's
 * progress. Each event has one moment, said below. One error contract for all of them: a listener must not throw, and
 * if one does, the engine logs it and goes on; no listener can fail, delay the publication of, or change a dump.
 */
public interface DumpEvents {
    /** A table's file is about to be written (on the thread that reads the table). */
    default void tableStarted(long accountId, String table) {}

    /** A table's file is written and described (on the thread that read it), before the dump is published. */
    default void tableDumped(long accountId, TableFile file, long millis) {}

    /**
     * The dump is published: it is current in storage and in the database. Called before retention prunes, so the
     * previous dump can still be read.
     */
    default void published(DumpResult result) {}

    /** The dump failed; {@code error} says which table and step, and what happened (as the run records it). */
    default void failed(long accountId, String error) {}

    DumpEvents NONE = new DumpEvents() {};
}
