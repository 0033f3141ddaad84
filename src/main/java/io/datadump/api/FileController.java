package io.datadump.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.datadump.access.ApiException;
import io.datadump.access.FileMeta;
import io.datadump.access.UrlSigner;
import io.datadump.audit.Download;
import io.datadump.audit.DownloadAudit;
import io.datadump.dump.DumpFileKey;
import io.datadump.formats.Representations;
import io.datadump.storage.BoundedInputStream;
import io.datadump.storage.DamagedObjectException;
import io.datadump.storage.Storage;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/files/<key>?expires=…&signature=…}: serves a table file of a published dump to whoever holds a valid
 * link, with ETag (the content's SHA-256), Last-Modified, If-None-Match and Range. A gzip file is sent as stored to
 * clients that accept gzip and decompressed on the fly to others; each representation has its own ETag.
 */
public final class FileController {
    private static final Logger log = LoggerFactory.getLogger(FileController.class);
    private static final String NEW_LINK = "request a new one from /v1/datadump/<table>";

    private final Storage storage;
    private final UrlSigner signer;
    private final DownloadAudit audit;
    private final Clock clock;
    private final Cache<String, Boolean> damagedLogged = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumSize(10_000)
            .build();

    public FileController(Storage storage, UrlSigner signer, DownloadAudit audit, Clock clock) {
        this.storage = storage;
        this.signer = signer;
        this.audit = audit;
        this.clock = clock;
    }

    void file(Context ctx) throws IOException {
        QueryParams.allowOnly(ctx, "expires", "m", "signature");
        String key = ctx.pathParam("key");
        String m = ctx.queryParam("m");
        String expiresParam = ctx.queryParam("expires");
        long expires = expiresParam != null && expiresParam.matches("\\d{1,18}") ? Long.parseLong(expiresParam) : -1;
        Optional<DumpFileKey> parsed = DumpFileKey.parse(key);
        Optional<FileMeta> meta = FileMeta.decode(m);
        if (expires < 0
                || parsed.isEmpty()
                || meta.isEmpty()
                || !signer.verify(FileMeta.signed(key, m), expires, ctx.queryParam("signature"))) {
            throw new ApiException(403, "invalid_signature", "this link is not valid; " + NEW_LINK);
        }
        if (clock.instant().getEpochSecond() > expires) {
            // 410, not 403: Power BI and Excel take 401 and 403 for wrong credentials and ask for new ones
            throw new ApiException(410, "link_expired", "this link has expired; " + NEW_LINK);
        }
        // Everything else is in the signed link: serving needs storage only, so links work through a database outage.
        Optional<Storage.ObjectInfo> stored;
        try {
            stored = storage.stat(key);
        } catch (DamagedObjectException e) {
            throw damaged(ctx, parsed.get(), e.getMessage());
        }
        if (stored.isEmpty()) {
            throw new ApiException(
                    410,
                    "dump_gone",
                    "this dump has been replaced and deleted; request a new link from" + " /v1/datadump/"
                            + parsed.get().table());
        }
        Representations.Representation representation = meta.get().representation(key);
        if (stored.get().size() != representation.bytes()) {
            throw damaged(
                    ctx,
                    parsed.get(),
                    key + " holds " + stored.get().size() + " bytes, its dump says " + representation.bytes());
        }
        // a browser that follows the link (the portal's download buttons) saves the file under the table's name
        ctx.header(
                "Content-Disposition",
                "attachment; filename=\"" + parsed.get().table() + "."
                        + meta.get().format().extension() + "\"");
        long sent;
        try {
            sent = serve(ctx, representation, Instant.ofEpochSecond(meta.get().modified()));
        } catch (DamagedObjectException e) {
            throw damaged(ctx, parsed.get(), e.getMessage());
        }
        if (sent >= 0) {
            audit.record(new Download(
                    clock.instant(),
                    parsed.get().accountId(),
                    meta.get().keyId() > 0 ? meta.get().keyId() : null,
                    Download.Kind.FILE,
                    parsed.get().table(),
                    meta.get().format().key(),
                    parsed.get().runId(),
                    sent,
                    ctx.req().getRemoteAddr(),
                    ctx.header("User-Agent")));
        }
    }

    /** Answers with the file (or 304, or its headers for HEAD); returns the body bytes sent, or -1 for no body. */
    private long serve(Context ctx, Representations.Representation rep, Instant modified) throws IOException {
        boolean storedGzip = rep.storedGzip();
        boolean sendGzip = storedGzip && RequestHeaders.acceptsGzip(ctx.header("Accept-Encoding"));
        long size = sendGzip || !storedGzip ? rep.bytes() : rep.plainBytes();
        String etag = "\"" + (sendGzip ? rep.sha256() : rep.plainSha256()) + "\"";
        String key = rep.key();

        ctx.header("ETag", etag);
        ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Cache-Control", "private, max-age=0, must-revalidate");
        if (storedGzip) ctx.header("Vary", "Accept-Encoding");
        ctx.contentType(rep.contentType());
        if (sendGzip) ctx.header("Content-Encoding", "gzip");
        if (RequestHeaders.noneMatchHits(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            return -1;
        }
        long from = 0, length = size;
        RequestHeaders.ByteRange range = RequestHeaders.byteRange(ctx.header("Range"), size);
        if (range instanceof RequestHeaders.ByteRange.Unsatisfiable) {
            ctx.header("Content-Range", "bytes */" + size);
            throw new ApiException(
                    416, "range_not_satisfiable", "the requested range is outside the file's " + size + " bytes");
        }
        if (range instanceof RequestHeaders.ByteRange.Part part) {
            from = part.first();
            length = part.length();
            ctx.status(206);
            ctx.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
        }
        if (ctx.method() == HandlerType.HEAD) {
            ctx.header("Content-Length", Long.toString(length));
            return -1; // the same headers, no body
        }
        // opened (and a delta's recipe checked whole) before anything is sent: a damaged file is a clean error
        try (InputStream in = open(key, storedGzip && !sendGzip, from, length)) {
            ctx.header("Content-Length", Long.toString(length));
            try (OutputStream out = ctx.outputStream()) {
                return in.transferTo(out);
            }
        }
    }

    /**
     * A stored file that cannot be served as its dump describes it: the response so far is dropped for a 500 with the
     * JSON error body, and an ERROR line names the dump (once a minute per file: a client retrying it cannot flood the
     * log). {@code datadump check} finds the same damage.
     */
    private ApiException damaged(Context ctx, DumpFileKey file, String what) {
        ctx.res().reset();
        if (damagedLogged.asMap().putIfAbsent(ctx.pathParam("key"), Boolean.TRUE) == null) {
            log.error(
                    "table {} of dump {} of account {} cannot be served, the stored file is damaged: {}"
                            + " (run 'datadump check')",
                    file.table(),
                    file.runId(),
                    file.accountId(),
                    what);
        }
        return new ApiException(
                500,
                "stored_file_damaged",
                "this file of dump " + file.runId() + " is damaged in storage and cannot be served; the operator's log"
                        + " names it. Ask for an older dump with ?dump=<id> or wait for the next dump");
    }

    /** The bytes to send: a ranged read of the stored object, or of its decompressed content. */
    private InputStream open(String key, boolean decompress, long from, long length) throws IOException {
        if (!decompress) return storage.open(key, from, length);
        InputStream plain = new GZIPInputStream(storage.open(key, 0, -1), 1 << 16);
        plain.skipNBytes(from);
        return new BoundedInputStream(plain, length);
    }
}
