package io.datadump.dump;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * How many rows of each table were added, changed and deleted since the previous dump, for the manifest and the
 * index. A table whose content hash equals the previous dump's has no changes and is not read at all.
 */
public final class ChangeCounter {
    private final DumpFiles files;

    public ChangeCounter(DumpFiles files) {
        this.files = files;
    }

    /** The file with its changes since the previous dump counted (the file as it is if there is none). */
    TableFile since(Optional<DumpRun> previous, DumpRun current, TableFile now) throws IOException {
        if (previous.isEmpty() || previous.get().manifest().isEmpty()) return now;
        DumpRun before = previous.get();
        Optional<TableFile> then = before.manifest().get().table(now.name());
        if (then.isEmpty()) return now;
        if (then.get().jsonSha256().equals(now.jsonSha256()))
            return now.withChanges(new TableFile.TableChanges(before.id(), 0, 0, 0));
        try (InputStream older = files.openJson(before, then.get());
                InputStream newer = files.openJson(current, now)) {
            TableDiff.Counts c = TableDiff.count(older, newer);
            return now.withChanges(new TableFile.TableChanges(before.id(), c.added(), c.changed(), c.deleted()));
        }
    }
}
