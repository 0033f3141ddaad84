package io.datadump.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.accounts.Account;
import io.datadump.auth.ApiKeys;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.Manifest;
import io.datadump.dump.TableFile;
import io.datadump.schedule.DumpScheduler;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.datadump.storage.BoundedInputStream;
import io.datadump.storage.Storage;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP API: {@code GET /v1/datadump/<table>} answers with a redirect to a signed, expiring URL of the
 * table's file in the caller's current dump; {@code GET /v1/files/...} serves those files with ETag,
 * Range and gzip negotiation. Every error is JSON {"error", "message"}.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]{1,64}");
    /** The only keys the file endpoint serves: a table file inside a dump directory of an account. */
    private static final Pattern FILE_KEY = Pattern.compile("accounts/(\\d+)/dumps/[0-9TZ]+-(\\d+)/([a-z_]+)\\.json(\\.gz)?");
    private static final String AUTH_HELP = "send your API key in the X-API-KEY header (or as the api_key query parameter)";

    /** nextDumpAt answers "when is this account's next dump?" for the no_dump_yet error. */
    public record Settings(Optional<String> publicUrl, Duration urlTtl, java.util.function.Function<Account, Instant> nextDumpAt,
                           Duration onDemandMinInterval) {
    }

    private final DataSource dataSource;
    private final ApiKeys apiKeys;
    private final AccountDumps accountDumps;
    private final DumpRuns runs;
    private final TableCatalog catalog;
    private final Storage storage;
    private final UrlSigner signer;
    private final DumpScheduler scheduler;
    private final ObjectMapper json;
    private final Settings settings;
    private final Clock clock;
    private Javalin javalin;

    public ApiServer(DataSource dataSource, ApiKeys apiKeys, AccountDumps accountDumps, DumpRuns runs, TableCatalog catalog, Storage storage,
                     UrlSigner signer, DumpScheduler scheduler, ObjectMapper json, Settings settings, Clock clock) {
        this.scheduler = scheduler;
        this.dataSource = dataSource;
        this.apiKeys = apiKeys;
        this.accountDumps = accountDumps;
        this.runs = runs;
        this.catalog = catalog;
        this.storage = storage;
        this.signer = signer;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts on the given port (0: a free one) and returns the port. */
    public int start(String host, int port) {
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.compressionStrategy = CompressionStrategy.NONE; // stored gzip is served as is
            config.jetty.host = host;
            config.jetty.port = port;
            // Path only: API keys and signatures travel in headers and query strings and are never logged.
            // Refused and failed requests at INFO; the (many) answered ones at DEBUG, so a busy node does not log per request.
            config.requestLogger.http((ctx, ms) -> {
                int status = ctx.status().getCode();
                if (status >= 400) log.info("{} {} {} {} ms", ctx.method(), ctx.path(), status, Math.round(ms));
                else if (log.isDebugEnabled()) log.debug("{} {} {} {} ms", ctx.method(), ctx.path(), status, Math.round(ms));
            });
            config.routes.get("/health", this::health);
            config.routes.get("/v1/datadump", this::index);
            config.routes.get("/v1/datadump/{table}", this::redirect);
            config.routes.post("/v1/datadump/runs", this::requestRun);
            config.routes.get("/v1/datadump/runs/{id}", this::runStatus);
            config.routes.get("/v1/files/<key>", this::file);
            config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("request {} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, new ApiError(500, "internal_error", "the server failed to answer; try again later"));
            });
            config.routes.error(404, "*", ctx -> {
                // our own 404s are JSON already; Javalin's "endpoint not found" is not
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) {
                    error(ctx, new ApiError(404, "not_found", "no such endpoint; see GET /v1/datadump"));
                }
            });
            config.routes.error(405, "*", ctx -> error(ctx, new ApiError(405, "method_not_allowed", "this endpoint does not answer " + ctx.method() + "; see the README for the API")));
        }).start();
        return javalin.port();
    }

    @Override
    public void close() {
        if (javalin != null) javalin.stop();
    }

    // ------------------------------------------------------------------ handlers

    private void health(Context ctx) {
        try (Connection c = dataSource.getConnection()) {
            boolean ok = c.isValid(2);
            json(ctx, ok ? 200 : 503, Map.of("status", ok ? "ok" : "unavailable", "database", ok ? "ok" : "unreachable"));
        } catch (Exception e) {
            json(ctx, 503, Map.of("status", "unavailable", "database", "unreachable"));
        }
    }

    private void index(Context ctx) {
        AccountDumps.Snapshot caller = authorize(ctx);
        Account account = caller.account();
        DumpRun run = currentDump(caller);
        Manifest m = run.manifest().orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_id", account.id());
        body.put("dump_id", run.id());
        body.put("started_at", m.startedAt());
        body.put("snapshot_at", m.snapshotAt());
        body.put("finished_at", m.finishedAt());
        body.put("gzip", m.gzip());
        body.put("tables", m.tables().stream().map(t -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.name());
            row.put("label", catalog.find(t.name()).map(TableDefinition::label).orElse(t.name()));
            row.put("rows", t.rows());
            row.put("bytes", t.bytes());
            row.put("sha256", t.sha256());
            row.put("json_bytes", t.jsonBytes());
            row.put("json_sha256", t.jsonSha256());
            row.put("custom_fields", t.customFields());
            row.put("path", "/v1/datadump/" + t.name());
            return row;
        }).toList());
        ctx.header("Cache-Control", "no-store");
        json(ctx, 200, body);
    }

    private void redirect(Context ctx) throws IOException {
        AccountDumps.Snapshot caller = authorize(ctx);
        String table = ctx.pathParam("table");
        if (!TABLE_NAME.matcher(table).matches() || catalog.find(table).isEmpty()) {
            throw new ApiError(404, "unknown_table", "there is no table '" + printable(table) + "'; use one of the listed tables",
                    Map.of("tables", catalog.names()));
        }
        DumpRun run = currentDump(caller);
        TableFile file = run.manifest().orElseThrow().table(table)
                .orElseThrow(() -> new ApiError(404, "table_not_in_dump", "the current dump has no file for '" + table + "'; it appears with the next dump"));
        String key = run.storagePrefix() + file.file();
        long expires = clock.instant().plus(settings.urlTtl()).getEpochSecond();
        Optional<URI> presigned = storage.presignedGet(key, settings.urlTtl(), "application/json");
        String location = presigned.map(URI::toString).orElseGet(() -> baseUrl(ctx) + "/v1/files/" + key
                + "?expires=" + expires + "&signature=" + signer.sign(key, expires));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Location", location);
        ctx.status(HttpStatus.FOUND);
        ctx.contentType("application/json");
        send(ctx, ("{\"location\":" + jsonString(location) + "}").getBytes(StandardCharsets.UTF_8));
    }

    private void requestRun(Context ctx) {
        Account account = authorize(ctx).account();
        DumpScheduler.Request answer = scheduler.requestDump(account.id(), settings.onDemandMinInterval());
        if (answer instanceof DumpScheduler.Request.Queued q) {
            ctx.header("Location", "/v1/datadump/runs/" + q.runId());
            json(ctx, 202, Map.of("run_id", q.runId(), "status", "queued", "status_url", "/v1/datadump/runs/" + q.runId()));
        } else if (answer instanceof DumpScheduler.Request.TooSoon t) {
            long seconds = Math.max(1, (t.retryAfter().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            throw new ApiError(429, "too_many_requests", "an on-demand dump was started less than "
                    + settings.onDemandMinInterval().toMinutes() + " minutes ago; try again in " + seconds + " seconds",
                    Map.of("retry_after_seconds", seconds));
        } else {
            throw new ApiError(409, "dump_running", "a dump of this account is queued or running; follow it at /v1/datadump/runs/<id> (the id returned when it was requested)");
        }
    }

    private void runStatus(Context ctx) {
        Account account = authorize(ctx).account();
        String raw = ctx.pathParam("id");
        if (!raw.matches("\\d{1,18}")) throw new ApiError(400, "invalid_run_id", "a run id is a positive whole number");
        DumpRun run = runs.find(Long.parseLong(raw)).filter(r -> r.accountId() == account.id())
                .orElseThrow(() -> new ApiError(404, "unknown_run", "this account has no run " + raw));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", run.id());
        body.put("status", run.status());
        body.put("trigger", run.trigger());
        body.put("started_at", run.startedAt().toString());
        body.put("finished_at", run.finishedAt().map(Instant::toString).orElse(null));
        body.put("rows", run.rows().orElse(null));
        body.put("bytes", run.bytes().orElse(null));
        body.put("error", run.error().orElse(null));
        ctx.header("Cache-Control", "no-store");
        json(ctx, 200, body);
    }

    private void file(Context ctx) throws IOException {
        String key = ctx.pathParam("key");
        Matcher m = FILE_KEY.matcher(key);
        String expiresParam = Optional.ofNullable(ctx.queryParam("expires")).orElse("");
        long expires = expiresParam.matches("\\d{1,18}") ? Long.parseLong(expiresParam) : -1;
        if (expires < 0 || !m.matches() || !signer.verify(key, expires, ctx.queryParam("signature"))) {
            throw new ApiError(403, "invalid_signature", "this link is not valid; request a new one from /v1/datadump/<table>");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw new ApiError(403, "link_expired", "this link has expired; request a new one from /v1/datadump/<table>");
        }
        long accountId = Long.parseLong(m.group(1));
        long runId = Long.parseLong(m.group(2));
        String table = m.group(3);
        DumpRun run = runs.find(runId).filter(r -> r.accountId() == accountId && "published".equals(r.status()) && r.manifest().isPresent())
                .orElseThrow(() -> new ApiError(410, "dump_gone", "this dump has been replaced and deleted; request a new link from /v1/datadump/" + table));
        TableFile tf = run.manifest().get().table(table)
                .filter(f -> key.equals(run.storagePrefix() + f.file()))
                .orElseThrow(() -> new ApiError(404, "not_found", "no such file"));
        boolean storedGzip = "gzip".equals(tf.contentEncoding());
        boolean sendGzip = storedGzip && acceptsGzip(ctx.header("Accept-Encoding"));
        long size = sendGzip || !storedGzip ? tf.bytes() : tf.jsonBytes();
        String etag = "\"" + (sendGzip ? tf.sha256() : tf.jsonSha256()) + "\"";
        Instant modified = run.finishedAt().orElse(run.startedAt());

        ctx.header("ETag", etag);
        ctx.header("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(modified.atOffset(ZoneOffset.UTC)));
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Cache-Control", "private, max-age=0, must-revalidate");
        if (storedGzip) ctx.header("Vary", "Accept-Encoding");
        ctx.contentType("application/json; charset=utf-8");
        if (sendGzip) ctx.header("Content-Encoding", "gzip");
        if (etagMatches(ctx.header("If-None-Match"), etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        long from = 0, length = size;
        String range = ctx.header("Range");
        if (range != null) {
            long[] r = parseRange(range, size);
            if (r == null) {
                ctx.header("Content-Range", "bytes */" + size);
                throw new ApiError(416, "range_not_satisfiable", "the requested range is outside the file's " + size + " bytes");
            }
            if (r.length == 2) {
                from = r[0];
                length = r[1] - r[0] + 1;
                ctx.status(HttpStatus.PARTIAL_CONTENT);
                ctx.header("Content-Range", "bytes " + r[0] + "-" + r[1] + "/" + size);
            }
        }
        ctx.header("Content-Length", Long.toString(length));
        InputStream body;
        if (storedGzip && !sendGzip) {
            InputStream plain = new GZIPInputStream(storage.open(key, 0, -1), 1 << 16);
            plain.skipNBytes(from);
            body = new BoundedInputStream(plain, length);
        } else {
            body = storage.open(key, from, length);
        }
        try (InputStream in = body; var out = ctx.outputStream()) {
            in.transferTo(out);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The caller's account and current dump, if the key is valid and the account has the entitlement. */
    private AccountDumps.Snapshot authorize(Context ctx) {
        String key = ctx.header("X-API-KEY");
        if (key == null || key.isBlank()) key = ctx.queryParam("api_key");
        if (key == null || key.isBlank()) throw new ApiError(401, "missing_api_key", "no API key: " + AUTH_HELP);
        ApiKeys.Principal principal = apiKeys.authenticate(key.strip())
                .orElseThrow(() -> new ApiError(401, "invalid_api_key", "the API key is unknown or revoked: " + AUTH_HELP));
        AccountDumps.Snapshot caller = accountDumps.get(principal.accountId());
        if (!caller.account().datadumpEnabled()) {
            throw new ApiError(403, "datadump_not_enabled", "the datadump is not enabled for this account; it is a premium feature, please contact sales");
        }
        return caller;
    }

    private DumpRun currentDump(AccountDumps.Snapshot caller) {
        Account account = caller.account();
        return caller.current().orElseThrow(() -> {
            String next = settings.nextDumpAt().apply(account).atZone(account.timeZone()).toOffsetDateTime().toString();
            return new ApiError(404, "no_dump_yet", "there is no dump for this account yet; the next one is scheduled for " + next,
                    Map.of("next_dump_at", next));
        });
    }

    private String baseUrl(Context ctx) {
        return settings.publicUrl().orElseGet(() -> ctx.scheme() + "://" + ctx.host());
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String part : acceptEncoding.toLowerCase().split(",")) {
            String[] p = part.strip().split(";");
            if (p[0].strip().equals("gzip") || p[0].strip().equals("*")) {
                return !(p.length > 1 && p[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
    }

    private static boolean etagMatches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) return false;
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.equals("*") || c.equals(etag)) return true;
        }
        return false;
    }

    /** {from, to} for one satisfiable range, {} for a header we ignore (serve it all), null if unsatisfiable. */
    static long[] parseRange(String header, long size) {
        if (!header.startsWith("bytes=") || header.contains(",")) return new long[0];
        String spec = header.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) return new long[0];
        try {
            String a = spec.substring(0, dash).strip(), b = spec.substring(dash + 1).strip();
            long from, to;
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0) return null;
                from = Math.max(0, size - suffix);
                to = size - 1;
            } else {
                from = Long.parseLong(a);
                to = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            }
            if (from >= size || from > to) return null;
            return new long[]{from, to};
        } catch (NumberFormatException e) {
            return new long[0];
        }
    }

    private void error(Context ctx, ApiError e) {
        json(ctx, e.status(), e.body());
    }

    private void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status);
            ctx.contentType("application/json");
            send(ctx, json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Small bodies go straight to the response: ctx.result would copy each through a fresh 32 KB buffer. */
    private static void send(Context ctx, byte[] body) throws IOException {
        ctx.res().setContentLength(body.length);
        ctx.res().getOutputStream().write(body);
    }

    private String jsonString(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Echoes user input safely: only plain characters, at most 64 of them. */
    private static String printable(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
