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

    /**
     * The moment the dump's data is from (its snapshot), by which dumps are ordered; for a run without a manifest, when
     * it started.
     */
    public Instant snapshotAt() {
        return manifest.map(m -> Instant.parse(m.snapshotAt())).orElse(startedAt);
    }

    /** Whether this dump's data is newer than {@code other}'s. */
    public boolean isNewerThan(DumpRun other) {
        int bySnapshot = snapshotAt().compareTo(other.snapshotAt());
        return bySnapshot != 0 ? bySnapshot > 0 : id > other.id;
    }

    public boolean isPublished() {
        return status == RunStatus.PUBLISHED && manifest.isPresent();
    }
}
