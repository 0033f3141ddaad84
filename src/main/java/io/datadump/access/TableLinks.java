package io.datadump.access;

import io.datadump.audit.Download;
import io.datadump.audit.DownloadAudit;
import io.datadump.dump.DumpRun;
import io.datadump.dump.TableFile;
import io.datadump.formats.Format;
import io.datadump.formats.Representations;
import io.datadump.storage.Storage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issues the signed, expiring link of one table of a dump in a format and columns: a presigned storage URL where the
 * storage offers one, else {@code /v1/files/…} signed by this server (carrying the key it was issued to, so the file
 * it serves is audited too). Every link issued is recorded in the {@link DownloadAudit}. The API's redirects and the
 * portal's download buttons both come here.
 */
public final class TableLinks {
    /** A link, what it points to, and until when it works. */
    public record Link(
            String location, Instant expires, Format format, Representations.Representation representation) {}

    /** Who asks for the link, for the audit. */
    public record Requester(long keyId, String clientAddress, String userAgent) {}

    private final Representations representations;
    private final Storage storage;
    private final UrlSigner signer;
    private final Duration lifetime;
    private final String publicUrl;
    private final DownloadAudit audit;
    private final Clock clock;

    public TableLinks(
            Representations representations,
            Storage storage,
            UrlSigner signer,
            Duration lifetime,
            Optional<String> publicUrl,
            DownloadAudit audit,
            Clock clock) {
        this.representations = representations;
        this.storage = storage;
        this.signer = signer;
        this.lifetime = lifetime;
        this.publicUrl = publicUrl.orElse("");
        this.audit = audit;
        this.clock = clock;
    }

    public Link issue(DumpRun run, TableFile file, Format format, List<String> columns, Requester requester) {
        if (!format.holds(file.rows())) {
            throw new ApiException(
                    422,
                    "too_many_rows_for_xlsx",
                    String.format(
                            Locale.ROOT,
                            "%s has %,d rows and an Excel sheet holds %,d below its header: download format=csv,"
                                    + " csv-excel or parquet instead",
                            file.name(),
                            file.rows(),
                            Format.XLSX_MAX_ROWS));
        }
        List<String> keys = representations.keysOf(file);
        Representations.Representation rep = representations.of(run, file, keys, format, columns);
        Instant expires = clock.instant().plus(lifetime);
        String location = storage.presignedGet(rep.key(), lifetime, format.contentType())
                .map(URI::toString)
                .orElseGet(() -> signedFileUrl(
                        rep, run.finishedAt().orElse(run.startedAt()), expires.getEpochSecond(), requester.keyId()));
        audit.record(new Download(
                clock.instant(),
                run.accountId(),
                requester.keyId(),
                Download.Kind.REDIRECT,
                file.name(),
                format.key(),
                run.id(),
                null,
                requester.clientAddress(),
                requester.userAgent()));
        return new Link(location, expires, format, rep);
    }

    /**
     * The file link: absolute with DATADUMP_PUBLIC_URL, else relative to this server (the request's Host header is
     * the client's word and is never reflected into a link).
     */
    private String signedFileUrl(Representations.Representation rep, Instant modified, long expires, long keyId) {
        String base = publicUrl;
        String m = FileMeta.of(rep, modified, keyId).encode();
        return base + "/v1/files/" + rep.key() + "?expires=" + expires + "&m=" + m + "&signature="
                + signer.sign(FileMeta.signed(rep.key(), m), expires);
    }
}
