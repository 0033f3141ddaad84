package io.datadump.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.wire.ApiBodies;
import io.datadump.wire.ErrorBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The datadump API as a backup client sees it, read into the same {@link ApiBodies} records the server writes. The key
 * goes only to the API: files are fetched through the signed link the API answers with {@code redirect=false}, so a key
 * never travels to a storage host. Nothing a server sends is trusted to be small or quick: JSON answers are bounded in
 * size and time, files by the size the index announced, and every body by {@link BodyWatch}. Every refusal becomes a
 * {@link BackupException} saying what to do.
 */
final class DumpServer implements AutoCloseable {
    /** The largest JSON answer read (an index of every table with its custom fields is a few KB). */
    static final long MAX_JSON_BYTES = 16L << 20;

    private static final Duration JSON_DEADLINE = Duration.ofMinutes(5);

    /** A downloaded body: its status (200 or 206) and whether it came gzip-compressed. */
    record Download(int status, boolean gzip, long bytes) {}

    /** What the index announced of a file: its size as stored (gzip when the dump is) and as plain JSON. */
    record Announced(long storedBytes, long plainBytes) {}

    private final String base;
    private final String key;
    private final ObjectMapper json;
    private final BodyWatch watch;
    /** The command using the server ("pull", "sync"): errors say to run it again. */
    private final String command;

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    DumpServer(String base, String key, ObjectMapper json, Duration idleWindow, String command) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = key;
        this.json = json;
        this.watch = new BodyWatch(idleWindow, command);
        this.command = command;
    }

    String base() {
        return base;
    }

    /** A dump's index: the current one, or the one with this id. */
    ApiBodies.DumpIndex index(Optional<Long> dumpId) {
        return get("/v1/datadump" + dumpId.map(id -> "?dump=" + id).orElse(""), "the index", ApiBodies.DumpIndex.class);
    }

    /** The retained dumps, newest first. */
    ApiBodies.History history() {
        return get("/v1/datadump/dumps", "the list of dumps", ApiBodies.History.class);
    }

    /** A table's JSON Schema for the account, with the custom fields of that dump. */
    JsonNode schema(String table, long dumpId) {
        return get("/v1/datadump/" + table + "/schema?dump=" + dumpId, "the schema of " + table, JsonNode.class);
    }

    /** The signed link of a table's file in a dump. */
    URI link(String table, long dumpId) {
        return resolve(link(table, dumpId, "json"));
    }

    /** The link to a table of a dump in {@code format}, with the file's size and sha256. */
    ApiBodies.Link link(String table, long dumpId, String format) {
        ApiBodies.Link link = get(
                "/v1/datadump/" + table + "?redirect=false&dump=" + dumpId + "&format=" + format,
                "the link to " + table,
                ApiBodies.Link.class);
        if (link.url() == null)
            throw new BackupException("the server's answer has no link to " + table + "; run " + command + " again");
        return link;
    }

    /** A link's URL: relative to the server unless the server has a public URL. */
    URI resolve(ApiBodies.Link link) {
        return URI.create(base + "/").resolve(link.url());
    }

    /** Where a download goes: appended to what is there (206, the rest of the file) or replacing it (200). */
    interface Target {
        OutputStream open(boolean append) throws IOException;
    }

    /**
     * Fetches a file from byte {@code from} on (a resumed download), asking for gzip on the wire. With {@code ifRange}
     * the server sends the rest only if the file is still that one, else all of it (200).
     */
    Download download(URI url, long from, String ifRange, Announced announced, Target target, RateLimit limit) {
        FileResponse file = requestFile(url, from, ifRange);
        HttpResponse<InputStream> r = file.response();
        boolean gzip = file.gzip();
        long expected = (gzip ? announced.storedBytes() : announced.plainBytes()) - (r.statusCode() == 206 ? from : 0);
        if (expected < 0)
            throw new BackupException(
                    "the server resumed " + url.getPath() + " past its end; run " + command + " again");
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = watch.file(r.body(), "the file " + url.getPath(), expected);
                OutputStream out = target.open(r.statusCode() == 206)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                bytes += n;
                limit.took(n);
            }
        } catch (IOException e) {
            throw new BackupException(
                    "the download was cut off (" + e.getMessage() + "); run " + command + " again to resume", e);
        }
        return new Download(r.statusCode(), gzip, bytes);
    }

    /** A file's whole body as it comes (gzip on the wire when it is stored so), bounded like a download. */
    record Body(InputStream in, boolean gzip) {}

    /** Opens a file for reading from its start, asking for gzip on the wire. */
    Body open(URI url, Announced announced) {
        FileResponse file = requestFile(url, 0, null);
        long expected = file.gzip() ? announced.storedBytes() : announced.plainBytes();
        return new Body(watch.file(file.response().body(), "the file " + url.getPath(), expected), file.gzip());
    }

    private record FileResponse(HttpResponse<InputStream> response, boolean gzip) {}

    /** A file's response from byte {@code from} on (200, or 206 for the rest), gzip on the wire where stored so. */
    private FileResponse requestFile(URI url, long from, String ifRange) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(Duration.ofHours(2)).header("Accept-Encoding", "gzip");
        if (from > 0) request.header("Range", "bytes=" + from + "-").header("If-Range", ifRange);
        HttpResponse<InputStream> r = send(request.GET().build(), url.getHost());
        if (r.statusCode() != 200 && !(r.statusCode() == 206 && from > 0)) {
            throw new BackupException("the server answered " + r.statusCode() + " for a file download (" + errorOf(r)
                    + "); run " + command + " again");
        }
        boolean gzip = r.headers()
                .firstValue("Content-Encoding")
                .filter("gzip"::equalsIgnoreCase)
                .isPresent();
        return new FileResponse(r, gzip);
    }

    /**
     * The changes feed of a table from dump {@code since} to dump {@code dumpId} (NDJSON, at most {@code maxBytes}), or
     * empty when {@code since} is retained no more (410): then the table must be loaded whole.
     */
    Optional<InputStream> changes(String table, long since, long dumpId, long maxBytes) {
        String path = "/v1/datadump/" + table + "/changes?since=" + since + "&dump=" + dumpId;
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofHours(2))
                .header("X-API-KEY", key)
                .GET()
                .build();
        HttpResponse<InputStream> r = send(request, URI.create(base).getHost());
        if (r.statusCode() == 200) return Optional.of(watch.file(r.body(), "the changes of " + table, maxBytes));
        byte[] body;
        try (InputStream in = watch.answer(r.body(), "the changes of " + table, MAX_JSON_BYTES, JSON_DEADLINE)) {
            body = in.readAllBytes();
        } catch (IOException e) {
            body = new byte[0];
        }
        if (r.statusCode() == 410 && errorBody(body).code().equals("since_not_retained")) return Optional.empty();
        throw refused(r.statusCode(), body);
    }

    private <T> T get(String path, String what, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(JSON_DEADLINE)
                .header("X-API-KEY", key)
                .GET()
                .build();
        HttpResponse<InputStream> r = send(request, URI.create(base).getHost());
        try (InputStream in = watch.answer(r.body(), what, MAX_JSON_BYTES, JSON_DEADLINE)) {
            byte[] body = in.readAllBytes();
            if (r.statusCode() != 200) throw refused(r.statusCode(), body);
            T value = json.readValue(body, type);
            if (value == null) throw new IOException("empty answer");
            return value;
        } catch (IOException e) {
            throw new BackupException(
                    "the server's answer (" + what + ") could not be read (" + e.getMessage() + "); is " + base
                            + " a datadump server? Run " + command + " again",
                    e);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, String host) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw new BackupException(
                    "cannot reach " + host + " (" + describe(e) + "); check the URL and that the server is running");
        } catch (HttpTimeoutException e) {
            throw new BackupException(
                    "the server at " + host + " did not answer in time; run " + command + " again later");
        } catch (IOException e) {
            throw new BackupException(
                    "cannot talk to " + host + " (" + describe(e) + "); run " + command + " again later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted");
        }
    }

    /** A refusal's error code and message, each "" when the body has none. */
    private record Refusal(String code, String message) {}

    private Refusal errorBody(byte[] raw) {
        ErrorBody body;
        try {
            body = json.readValue(raw, ErrorBody.class);
        } catch (IOException e) {
            body = null;
        }
        return new Refusal(
                body == null || body.error() == null ? "" : body.error(),
                body == null || body.message() == null ? "" : body.message());
    }

    private BackupException refused(int status, byte[] raw) {
        Refusal body = errorBody(raw);
        String code = body.code();
        String message = body.message();
        return switch (code) {
            case "missing_api_key", "invalid_api_key" ->
                new BackupException(
                        "the server refused the API key (unknown or revoked); set DATADUMP_API_KEY or --key-file to a valid key");
            case "datadump_not_enabled" ->
                new BackupException(
                        "the datadump is not enabled for this account; it is a paid feature, ask your CRM provider");
            case "no_dump_yet" -> new BackupException("there is no dump yet; " + message);
            default ->
                new BackupException("the server answered " + status + (code.isEmpty() ? "" : " " + code) + ": "
                        + (message.isEmpty() ? "see its log" : message));
        };
    }

    @Override
    public void close() {
        watch.close();
    }

    private static String errorOf(HttpResponse<InputStream> r) {
        try (InputStream in = r.body()) {
            String text = new String(in.readNBytes(2000), StandardCharsets.UTF_8);
            return text.isBlank() ? "no details" : text.strip();
        } catch (IOException e) {
            return "no details";
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
