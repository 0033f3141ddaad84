package io.datadump.dump;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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

    List<TableFile> since(Optional<DumpRun> previous, DumpRun current, List<TableFile> tables) throws IOException {
        if (previous.isEmpty() || previous.get().manifest().isEmpty()) return tables;
        DumpRun before = previous.get();
        List<TableFile> out = new ArrayList<>();
        for (TableFile now : tables) {
            Optional<TableFile> then = before.manifest().get().table(now.name());
            if (then.isEmpty()) {
                out.add(now);
            } else if (then.get().jsonSha256().equals(now.jsonSha256())) {
                out.add(now.withChanges(new TableFile.TableChanges(before.id(), 0, 0, 0)));
            } else {
                try (InputStream older = files.openJson(before, then.get());
                        InputStream newer = files.openJson(current, now)) {
                    TableDiff.Counts c = TableDiff.count(older, newer);
                    out.add(now.withChanges(
                            new TableFile.TableChanges(before.id(), c.added(), c.changed(), c.deleted())));
                }
            }
        }
        return out;
    }
}
