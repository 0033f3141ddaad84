package io.datadump.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.dump.DigestingOutputStream;
import io.datadump.dump.DumpRun;
import io.datadump.dump.Manifest;
import io.datadump.dump.TableFile;
import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import io.datadump.formats.Representations.Representation;
import io.datadump.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one published dump to one destination: each wanted table in each wanted format, then the run's manifest,
 * then {@code _SUCCESS} (see {@link DeliveryLayout}). Every file is streamed from datadump's storage (a conversion is
 * made first if it was not yet), and the bytes read are checked against the dump's recorded SHA-256 on the way, so a
 * damaged stored file is never delivered as good.
 */
public final class Deliverer {
    /** What was delivered: files (with the manifest and the marker) and their bytes. */
    record Result(int files, long bytes) {}

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final Representations representations;
    private final Storage storage;
    private final ObjectMapper json;

    public Deliverer(Representations representations, Storage storage, ObjectMapper json) {
        this.representations = representations;
        this.storage = storage;
        this.json = json;
    }

    Result deliver(Destination destination, DumpRun run, ZoneId zone, DeliveryTarget target) throws IOException {
        Manifest manifest =
                run.manifest().orElseThrow(() -> new IllegalStateException("dump " + run.id() + " has no manifest"));
        LocalDate date = LocalDate.ofInstant(run.snapshotAt(), zone);
        ObjectNode out = json.createObjectNode()
                .put("format", "datadump-delivery/1")
                .put("account_id", run.accountId())
                .put("dump_id", run.id())
                .put("snapshot_at", manifest.snapshotAt())
                .put("date", date.toString())
                .put("destination", destination.name());
        ArrayNode files = out.putArray("files");
        ArrayNode skipped = out.putArray("skipped");
        long bytes = 0;
        for (TableFile table : manifest.tables()) {
            if (!destination.takes(table.name())) continue;
            List<String> keys = representations.keysOf(table);
            for (Format format : destination.formats()) {
                if (!format.holds(table.rows())) {
                    skipped.addObject()
                            .put("table", table.name())
                            .put("format", format.key())
                            .put("reason", "over Excel's " + Format.XLSX_MAX_ROWS + " rows");
                    continue;
                }
                boolean gzip = DeliveryLayout.gzipped(format, destination.gzip());
                String path = DeliveryLayout.tableFile(table.name(), date, format, gzip);
                Representation r;
                try {
                    r = representations.of(run, table, keys, format, keys);
                } catch (RuntimeException e) {
                    throw new IOException(
                            "making " + table.name() + " as " + format.key() + " failed: " + e.getMessage(), e);
                }
                Sent sent = send(r, gzip, path, target);
                files.addObject()
                        .put("table", table.name())
                        .put("format", format.key())
                        .put("path", path)
                        .put("rows", table.rows())
                        .put("bytes", sent.bytes())
                        .put("sha256", sent.sha256())
                        .put("gzip", gzip);
                bytes += sent.bytes();
            }
        }
        String runDirectory = DeliveryLayout.runDirectory(date, run.id());
        byte[] manifestBytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(out);
        writeSmall(target, runDirectory + "/" + DeliveryLayout.MANIFEST, "application/json", manifestBytes);
        writeSmall(target, runDirectory + "/" + DeliveryLayout.SUCCESS, "text/plain", new byte[0]);
        List<String> tables = manifest.tables().stream()
                .map(TableFile::name)
                .filter(destination::takes)
                .toList();
        destination.keepDays().ifPresent(days -> prune(destination, tables, target, date.minusDays(days)));
        return new Result(files.size() + 2, bytes + manifestBytes.length);
    }

    private record Sent(long bytes, String sha256) {}

    /**
     * Streams one stored representation to {@code path}, gzipping or un-gzipping it as the destination wants, and
     * checks the plain bytes read against the representation's recorded SHA-256 before committing.
     */
    private Sent send(Representation r, boolean gzip, String path, DeliveryTarget target) throws IOException {
        String contentType = gzip ? "application/gzip" : r.contentType();
        if (gzip && !r.storedGzip()) return sendCompressed(r, path, contentType, target);
        boolean asStored = gzip == r.storedGzip();
        long bytes = asStored ? r.bytes() : r.plainBytes();
        String sha256 = asStored ? r.sha256() : r.plainSha256();
        // the bytes read are hashed on the way; the last stream opened is the one that was sent
        AtomicReference<DigestInputStream> sent = new AtomicReference<>();
        target.put(path, contentType, bytes, sha256, () -> {
            InputStream stored = storage.open(r.key(), 0, -1);
            DigestInputStream digest =
                    new DigestInputStream(asStored ? stored : new GZIPInputStream(stored, 1 << 16), sha256Digest());
            sent.set(digest);
            return digest;
        });
        String actual = HexFormat.of().formatHex(sent.get().getMessageDigest().digest());
        if (!actual.equals(sha256)) {
            target.delete(path);
            throw damaged(r);
        }
        return new Sent(bytes, sha256);
    }

    /** Text stored plain, gzipped on the way: its size is known only at the end, so it is streamed into an upload. */
    private Sent sendCompressed(Representation r, String path, String contentType, DeliveryTarget target)
            throws IOException {
        try (InputStream stored = storage.open(r.key(), 0, -1);
                DeliveryTarget.Upload upload = target.upload(path, contentType)) {
            DigestingOutputStream sent = new DigestingOutputStream(upload);
            GZIPOutputStream zip = new FastGzip(sent);
            DigestingOutputStream plain = new DigestingOutputStream(zip);
            stored.transferTo(plain);
            zip.finish();
            if (!plain.sha256Hex().equals(r.plainSha256())) throw damaged(r);
            upload.commit(sent.count(), sent.sha256Hex());
            return new Sent(sent.count(), sent.sha256Hex());
        }
    }

    private static DeliveryException damaged(Representation r) {
        return DeliveryException.permanent(
                "the stored file " + r.key() + " does not match its recorded SHA-256 (run `datadump check`); it was"
                        + " not delivered",
                null);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeSmall(DeliveryTarget target, String path, String contentType, byte[] bytes) throws IOException {
        target.put(path, contentType, bytes.length, sha256(bytes), () -> new ByteArrayInputStream(bytes));
    }

    /**
     * Deletes day folders and run folders dated before {@code oldest} (the destination's keep days), only names this
     * layout makes in the folders of the tables delivered: whatever else the tenant keeps there is left alone. Runs
     * after {@code _SUCCESS}: a failed prune is retried by the next delivery and never undoes this one.
     */
    private void prune(Destination destination, List<String> tables, DeliveryTarget target, LocalDate oldest) {
        try {
            for (String folder : target.directories(DeliveryLayout.RUNS)) {
                if (DeliveryLayout.dateOf(folder)
                        .filter(d -> d.isBefore(oldest))
                        .isPresent()) {
                    target.delete(DeliveryLayout.RUNS + "/" + folder);
                }
            }
            for (String table : tables) {
                for (String day : target.directories(table)) {
                    if (day.length() == 10
                            && DeliveryLayout.dateOf(day)
                                    .filter(d -> d.isBefore(oldest))
                                    .isPresent()) {
                        target.delete(table + "/" + day);
                    }
                }
            }
        } catch (IOException e) {
            log.warn(
                    "destination {}: pruning before {} failed ({}); the next delivery tries again",
                    destination.name(),
                    oldest,
                    e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    /** gzip at level 1: text formats compress 5-8× at it, several times faster than the default level 6. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
