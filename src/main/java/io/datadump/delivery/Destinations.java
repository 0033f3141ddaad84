package io.datadump.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datadump.db.Jdbc;
import io.datadump.formats.Format;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts' destinations and their deliveries, in datadump's own database. Every lookup names the account, so no
 * call reaches another account's destination; the secret is sealed on the way in and opened only for a delivery.
 */
public final class Destinations {
    /** What {@link #delivery} reads, in its order. */
    private static final String DELIVERY_COLUMNS = "d.destination_id, d.run_id, d.status, d.attempts, d.queued_at,"
            + " d.finished_at, d.files, d.bytes, d.error";

    private static final String COLUMNS =
            "id, account_id, name, kind, target::text, formats, gzip, tables, keep_days, created_at";

    /** What a tenant or the operator asks to store (validated by {@link DestinationRules}). */
    public record NewDestination(
            String name,
            Destination.Target target,
            String secret,
            List<Format> formats,
            boolean gzip,
            List<String> tables,
            Optional<Integer> keepDays) {
        @Override
        public String toString() { // never the secret
            return "NewDestination[" + name + ", " + target.describe() + "]";
        }
    }

    /** A delivery of one dump to one destination, as the portal and `destinations list` show it. */
    public record Delivery(
            long destinationId,
            long runId,
            String status,
            int attempts,
            Instant queuedAt,
            Optional<Instant> finishedAt,
            Optional<Integer> files,
            Optional<Long> bytes,
            Optional<String> error) {
        /** Whether nothing more will happen to it (until it is queued again). */
        public boolean ended() {
            return status.equals("delivered") || status.equals("skipped") || status.equals("failed");
        }
    }

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Optional<SecretBox> secrets;
    private final DestinationRules rules;

    public Destinations(Jdbc jdbc, ObjectMapper json, Optional<SecretBox> secrets, Set<String> tables) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
        this.rules = new DestinationRules(tables);
    }

    /** Stores a new destination; refused (with one sentence) without a secrets key, or when a rule is broken. */
    public Destination add(long accountId, NewDestination d) {
        SecretBox box = secrets.orElseThrow(() -> new IllegalStateException(
                "destinations cannot be stored: the operator has not set DATADUMP_SECRETS_KEY, which encrypts their"
                        + " secrets (e.g. `openssl rand -base64 32`)"));
        rules.check(d);
        if (find(accountId, d.name()).isPresent()) {
            throw new IllegalArgumentException("a destination named '" + d.name() + "' exists already; remove it first"
                    + " or choose another name");
        }
        long id = jdbc.insert(
                "INSERT INTO destinations (account_id, name, kind, target, secret, formats, gzip, tables, keep_days)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?) RETURNING id",
                accountId,
                d.name(),
                d.target().kind(),
                targetJson(d.target()),
                box.seal(d.secret(), owner(accountId)),
                d.formats().stream().map(Format::key).toList(),
                d.gzip(),
                d.tables(),
                d.keepDays());
        return get(accountId, id).orElseThrow();
    }

    public List<Destination> list(long accountId) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM destinations WHERE account_id = ? ORDER BY name", this::map, accountId);
    }

    public Optional<Destination> find(long accountId, String name) {
        return jdbc.queryFirst(
                "SELECT " + COLUMNS + " FROM destinations WHERE account_id = ? AND name = ?",
                this::map,
                accountId,
                name);
    }

    public Optional<Destination> get(long accountId, long id) {
        return jdbc.queryFirst(
                "SELECT " + COLUMNS + " FROM destinations WHERE account_id = ? AND id = ?", this::map, accountId, id);
    }

    /** Removes a destination with its delivery history; its pending deliveries find it gone and end. */
    public boolean remove(long accountId, String name) {
        return jdbc.update("DELETE FROM destinations WHERE account_id = ? AND name = ?", accountId, name) > 0;
    }

    /** A destination by its id alone: for the deliveries, whose tasks name it so. */
    Optional<Destination> byId(long id) {
        return jdbc.queryFirst("SELECT " + COLUMNS + " FROM destinations WHERE id = ?", this::map, id);
    }

    /** The destination's secret, opened for a delivery or a test. */
    String secretOf(Destination d) {
        byte[] sealed = jdbc.queryFirst(
                        "SELECT secret FROM destinations WHERE id = ? AND account_id = ?",
                        rs -> rs.getBytes(1),
                        d.id(),
                        d.accountId())
                .orElseThrow(() -> new IllegalStateException("destination " + d.name() + " was removed"));
        SecretBox box = secrets.orElseThrow(() ->
                new IllegalStateException("DATADUMP_SECRETS_KEY is not set on this node, so the secret of destination "
                        + d.name() + " cannot be opened"));
        return box.open(sealed, owner(d.accountId()));
    }

    /** The secret's associated data: a sealed secret opens only for the account it was stored for. */
    private static String owner(long accountId) {
        return "destination of account " + accountId;
    }

    // ---- deliveries

    /** Records a dump's delivery as queued: new, or asked for again after it ended. */
    void queued(long destinationId, long runId) {
        jdbc.update(
                "INSERT INTO deliveries (destination_id, run_id, status) VALUES (?, ?, 'queued')"
                        + " ON CONFLICT (destination_id, run_id) DO UPDATE SET status = 'queued', attempts = 0,"
                        + " queued_at = now(), finished_at = NULL, error = NULL"
                        + " WHERE deliveries.status IN ('delivered', 'skipped', 'failed')",
                destinationId,
                runId);
    }

    void attempting(long destinationId, long runId) {
        jdbc.update(
                "UPDATE deliveries SET status = 'delivering', attempts = attempts + 1 WHERE destination_id = ?"
                        + " AND run_id = ?",
                destinationId,
                runId);
    }

    void delivered(long destinationId, long runId, int files, long bytes) {
        jdbc.update(
                "UPDATE deliveries SET status = 'delivered', finished_at = now(), files = ?, bytes = ?, error = NULL"
                        + " WHERE destination_id = ? AND run_id = ?",
                files,
                bytes,
                destinationId,
                runId);
    }

    /** Records a delivery left out, and why (a newer dump of the same day goes to the same folders). */
    void skipped(long destinationId, long runId, String why) {
        jdbc.update(
                "UPDATE deliveries SET status = 'skipped', finished_at = now(), error = ? WHERE destination_id = ?"
                        + " AND run_id = ?",
                why,
                destinationId,
                runId);
    }

    /** Records an attempt's error; {@code last} marks the delivery failed (no retry follows), else it stays queued. */
    void failed(long destinationId, long runId, String error, boolean last) {
        jdbc.update(
                "UPDATE deliveries SET status = ?, finished_at = CASE WHEN ? THEN now() END, error = ?"
                        + " WHERE destination_id = ? AND run_id = ?",
                last ? "failed" : "queued",
                last,
                error,
                destinationId,
                runId);
    }

    /** The newest deliveries of an account's destination, newest first. */
    public List<Delivery> history(long accountId, long destinationId, int limit) {
        return jdbc.query(
                "SELECT " + DELIVERY_COLUMNS + " FROM deliveries d JOIN destinations t ON t.id = d.destination_id"
                        + " WHERE t.account_id = ? AND d.destination_id = ? ORDER BY d.queued_at DESC, d.run_id DESC"
                        + " LIMIT ?",
                Destinations::delivery,
                accountId,
                destinationId,
                limit);
    }

    /** The delivery of one dump to a destination (by the destination's id: for the deliveries' own use). */
    Optional<Delivery> find(long destinationId, long runId) {
        return jdbc.queryFirst(
                "SELECT " + DELIVERY_COLUMNS + " FROM deliveries d WHERE d.destination_id = ? AND d.run_id = ?",
                Destinations::delivery,
                destinationId,
                runId);
    }

    public Optional<Delivery> last(long accountId, long destinationId) {
        return history(accountId, destinationId, 1).stream().findFirst();
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getTimestamp(5).toInstant(),
                Optional.ofNullable(rs.getTimestamp(6)).map(java.sql.Timestamp::toInstant),
                Optional.ofNullable((Integer) rs.getObject(7)),
                Optional.ofNullable((Long) rs.getObject(8)),
                Optional.ofNullable(rs.getString(9)));
    }

    // ---- mapping

    private String targetJson(Destination.Target target) {
        ObjectNode n = json.createObjectNode();
        if (target instanceof Destination.S3 s3) {
            s3.endpoint().ifPresent(e -> n.put("endpoint", e));
            n.put("region", s3.region());
            n.put("bucket", s3.bucket());
            n.put("prefix", s3.prefix());
            n.put("path_style", s3.pathStyle());
            n.put("access_key", s3.accessKey());
        } else if (target instanceof Destination.Sftp sftp) {
            n.put("host", sftp.host());
            n.put("port", sftp.port());
            n.put("user", sftp.user());
            n.put("host_key", sftp.hostKey());
            n.put("directory", sftp.directory());
            n.put("auth", sftp.auth().name().toLowerCase(java.util.Locale.ROOT));
        }
        return n.toString();
    }

    private Destination map(ResultSet rs) throws SQLException {
        JsonNode t;
        try {
            t = json.readTree(rs.getString(5));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("destination " + rs.getLong(1) + " has an unreadable target", e);
        }
        Destination.Target target = "s3".equals(rs.getString(4))
                ? new Destination.S3(
                        Optional.ofNullable(t.path("endpoint").textValue()),
                        t.path("region").asText(),
                        t.path("bucket").asText(),
                        t.path("prefix").asText(),
                        t.path("path_style").asBoolean(),
                        t.path("access_key").asText())
                : new Destination.Sftp(
                        t.path("host").asText(),
                        t.path("port").asInt(),
                        t.path("user").asText(),
                        t.path("host_key").asText(),
                        t.path("directory").asText(),
                        Destination.SftpAuth.valueOf(t.path("auth").asText().toUpperCase(java.util.Locale.ROOT)));
        return new Destination(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                target,
                Arrays.stream((String[]) rs.getArray(6).getArray())
                        .map(f -> Format.parse(f).orElseThrow())
                        .toList(),
                rs.getBoolean(7),
                List.of((String[]) rs.getArray(8).getArray()),
                Optional.ofNullable((Integer) rs.getObject(9)),
                rs.getTimestamp(10).toInstant());
    }
}
