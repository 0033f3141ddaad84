package io.datadump.dump;

import java.time.Instant;
import java.util.Optional;

/** One recorded dump run of an account. */
public record DumpRun(
        long id,
        long accountId,
        RunStatus status,
        RunTrigger trigger,
        String node,
        String storagePrefix,
        Instant startedAt,
        Optional<Instant> finishedAt,
        Optional<Long> rows,
        Optional<Long> bytes,
        Optional<String> error,
        Optional<Manifest> manifest) {
    public Optional<Long> durationMillis() {
        return finishedAt.map(f -> f.toEpochMilli() - startedAt.toEpochMilli());
    }

    public boolean isPublished() {
        return status == RunStatus.PUBLISHED && manifest.isPresent();
    }
}
