package io.datadump.dump;

import io.datadump.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Reads the table files of published dumps back from storage. */
public final class DumpFiles {
    private final Storage storage;

    public DumpFiles(Storage storage) {
        this.storage = storage;
    }

    /** A table's rows as the plain JSON array, decompressed if the file is stored with gzip. */
    public InputStream openJson(DumpRun run, TableFile file) throws IOException {
        InputStream stored = storage.open(DumpFileKey.tableFile(run, file), 0, -1);
        return file.gzip() ? new GZIPInputStream(stored, 1 << 16) : stored;
    }
}
