package io.datadump.dump;

import java.util.Optional;

/**
 * A published dump, the time it took, on how many source connections its tables were read, and the dump that was
 * current before it.
 */
public record DumpResult(
        DumpRun run, Manifest manifest, long millis, int readers, Optional<DumpRun> previous, DumpTimings timings) {
    public long rows() {
        return manifest.tables().stream().mapToLong(TableFile::rows).sum();
    }

    public long bytes() {
        return manifest.tables().stream().mapToLong(TableFile::bytes).sum();
    }
}
