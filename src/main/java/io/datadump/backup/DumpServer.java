package io.datadump.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
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
 * The datadump API as a backup client sees it. The key goes only to the API: files are fetched through the signed
 * link the API answers with {@code redirect=false}, so a key never travels to a storage host. Every refusal becomes a
 * {@link BackupException} saying what to do.
 */
final class DumpServer {
    /** A downloaded body: its status (200 or 206) and whether it came gzip-compressed. */
    record Download(int status, boolean gzip, long bytes) {}

    private final String base;
    private final String key;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    DumpServer(String base, String key, ObjectMapper json) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = key;
        this.json = json;
    }

    String base() {
        return base;
    }

    /** A dump's index: the current one, or the one with this id. */
    JsonNode index(Optional<Long> dumpId) {
        return get("/v1/datadump" + dumpId.map(id -> "?dump=" + id).orElse(""));
    }

    /** The retained dumps, newest first. */
    JsonNode history() {
        return get("/v1/datadump/dumps");
    }

    /** A table's JSON Schema for the account, with the custom fields of that dump. */
    JsonNode schema(String table, long dumpId) {
        return get("/v1/datadump/" + table + "/schema?dump=" + dumpId);
    }

    /** The signed link of a table's file in a dump. */
    URI link(String table, long dumpId) {
        String url = get("/v1/datadump/" + table + "?redirect=false&dump=" + dumpId)
                .get("url")
                .asText();
        return URI.create(base + "/").resolve(url); // relative to the server unless it has a public URL
    }

    /** Where a download goes: appended to what is there (206, the rest of the file) or replacing it (200). */
    interface Target {
        OutputStream open(boolean append) throws IOException;
    }

    /**
     * Fetches a file from byte {@code from} on (a resumed download), asking for gzip on the wire. With {@code ifRange}
     * the server sends the rest only if the file is still that one, else all of it (200).
     */
    Download download(URI url, long from, String ifRange, Target target, RateLimit limit) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(Duration.ofHours(2)).header("Accept-Encoding", "gzip");
        if (from > 0) request.header("Range", "bytes=" + from + "-").header("If-Range", ifRange);
        HttpResponse<InputStream> r = send(request.GET().build(), url.getHost());
        if (r.statusCode() != 200 && r.statusCode() != 206) {
            throw new BackupException("the server answered " + r.statusCode() + " for a file download (" + errorOf(r)
                    + "); run pull again");
        }
        boolean gzip = r.headers()
                .firstValue("Content-Encoding")
                .filter("gzip"::equalsIgnoreCase)
                .isPresent();
        long bytes = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = r.body();
                OutputStream out = target.open(r.statusCode() == 206)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                bytes += n;
                limit.took(n);
            }
        } catch (IOException e) {
            throw new BackupException("the download was cut off (" + e.getMessage() + "); run pull again to resume", e);
        }
        return new Download(r.statusCode(), gzip, bytes);
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("X-API-KEY", key)
                .GET()
                .build();
        HttpResponse<InputStream> r = send(request, URI.create(base).getHost());
        try (InputStream in = r.body()) {
            JsonNode body = json.readTree(in);
            if (r.statusCode() == 200) return body;
            throw refused(r.statusCode(), body);
        } catch (IOException e) {
            throw new BackupException(
                    "the server's answer could not be read (" + e.getMessage() + "); run pull again", e);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, String host) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException | UnresolvedAddressException e) {
            throw new BackupException(
                    "cannot reach " + host + " (" + describe(e) + "); check the URL and that the server is running");
        } catch (HttpTimeoutException e) {
            throw new BackupException("the server at " + host + " did not answer in time; run pull again later");
        } catch (IOException e) {
            throw new BackupException("cannot talk to " + host + " (" + describe(e) + "); run pull again later", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted");
        }
    }

    private static BackupException refused(int status, JsonNode body) {
        String code = body.path("error").asText("");
        String message = body.path("message").asText("");
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

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
