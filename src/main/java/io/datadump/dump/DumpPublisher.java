package io.datadump.dump;

import static io.datadump.dump.DumpFailure.step;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a dump whose table files are written current, in an order that leaves the previous dump current if any step
 * fails: unchanged files share the previous dump's storage, the manifest is written and every file made durable, then
 * {@code current.json} names the dump, and last the database marks its run published (the moment it becomes current).
 * If that last step fails, the pointer is turned back, so storage and database agree.
 */
final class DumpPublisher {
    private static final Logger log = LoggerFactory.getLogger(DumpPublisher.class);

    /** A dump whose tables are read, ready to publish. */
    record Ready(
            long accountId,
            long runId,
            String prefix,
            Instant startedAt,
            Instant snapshotAt,
            Optional<DumpRun> previous,
            List<TableFile> files) {}

    private final DumpWriter writer;
    private final DumpRuns runs;
    private final Clock clock;

    DumpPublisher(DumpWriter writer, DumpRuns runs, Clock clock) {
        this.writer = writer;
        this.runs = runs;
        this.clock = clock;
    }

    Manifest publish(Ready dump, DumpTimings timings) {
        Set<String> shared = step(
                "linking unchanged files to the previous dump's",
                () -> timings.time(
                        DumpTimings.Phase.PUBLISH,
                        () -> dump.previous().isPresent()
                                ? writer.shareUnchanged(dump.previous().get(), dump.prefix(), dump.files())
                                : Set.<String>of()));
        Manifest manifest = new Manifest(
                Manifest.FORMAT,
                dump.runId(),
                dump.accountId(),
                iso(dump.startedAt()),
                iso(dump.snapshotAt()),
                iso(clock.instant()),
                writer.gzip(),
                dump.files());
        step(
                "writing manifest.json and syncing the dump's files to storage",
                () -> timings.time(DumpTimings.Phase.SYNC, () -> {
                    writer.writeManifestAndSync(dump.prefix(), manifest, shared);
                    return null;
                }));
        long recording = System.nanoTime();
        // The pointer first: if it cannot be written (a full disk), the dump fails and the previous one, which the
        // pointer still names, stays current.
        step("writing current.json", () -> {
            writePointer(dump.accountId(), manifest, dump.prefix());
            return null;
        });
        try {
            step("recording the dump as published", () -> {
                runs.publish(dump.runId(), manifest, dump.snapshotAt());
                return null;
            });
        } catch (RuntimeException e) {
            restorePointer(dump.accountId(), dump.previous());
            throw e;
        }
        timings.add(DumpTimings.Phase.PUBLISH, System.nanoTime() - recording);
        return manifest;
    }

    /** accounts/&lt;id&gt;/current.json: the current manifest and its directory, for restores from storage alone. */
    private void writePointer(long accountId, Manifest manifest, String prefix) throws IOException {
        writer.writeDocument(
                DumpFileKey.currentPointer(accountId), Map.of("dump_directory", prefix, "manifest", manifest));
    }

    private void restorePointer(long accountId, Optional<DumpRun> previous) {
        try {
            if (previous.isPresent() && previous.get().manifest().isPresent()) {
                writePointer(
                        accountId,
                        previous.get().manifest().get(),
                        previous.get().storagePrefix());
            }
        } catch (IOException e) {
            log.warn("could not turn current.json of account {} back: {}", accountId, e.getMessage());
        }
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }
}
