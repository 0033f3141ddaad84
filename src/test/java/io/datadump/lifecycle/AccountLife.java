package io.datadump.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.cli.CliRunner;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RetentionPolicy;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.StorageCheck;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.TableDefinition;
import io.datadump.support.S3ProxyServer;
import io.datadump.support.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One account's life with datadump, driven by {@link LifecycleModelTest}: the real system (an App on a fresh
 * database, its HTTP API, its scheduler, storage of one {@link Variant}) beside a model of what must be true. The
 * model records, at every dump, what the source held (each table's rows as PostgreSQL's {@code row_to_json}), which
 * dumps retention must keep (the policy applied by snapshot day), the links handed out and every file served.
 * {@link #checkInvariants} compares the two after every action.
 */
final class AccountLife implements AutoCloseable {
    /** Where and how the dumps are stored. */
    enum Variant {
        FILE_DELTAS(Map.of("DATADUMP_FILE_DELTA_MIN_KB", "0")),
        FILE_PLAIN(Map.of("DATADUMP_FILE_DELTAS", "false")),
        FILE_GZIP(Map.of("DATADUMP_GZIP", "true")),
        S3(Map.of("DATADUMP_S3_DELTA_MIN_KB", "0"));

        final Map<String, String> settings;

        Variant(Map<String, String> settings) {
            this.settings = settings;
        }
    }

    /** A dump as the model knows it: its id, the moment of its data and the rows each table held then. */
    record ModelDump(long id, Instant snapshotAt, Map<String, List<String>> rows) {}

    /** A link handed out: what it must serve for its whole lifetime. */
    record IssuedLink(String url, long dumpId, String table, String format) {}

    private static final AtomicInteger WORLDS = new AtomicInteger();
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final String[] FORMATS = {"json", "ndjson", "csv", "csv-excel", "parquet", "xlsx"};

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final RetentionPolicy policy = new RetentionPolicy(7, 4, 3);
    private final Variant variant;
    private final Map<String, String> env;
    private final Path home;
    private App app;
    private int port;
    private final long account;
    private final String key;
    private final long template;

    // the model
    private final Map<Long, ModelDump> dumps = new LinkedHashMap<>(); // every dump published, in publishing order
    private final Set<Long> retained = new LinkedHashSet<>();
    private final List<IssuedLink> links = new ArrayList<>();
    private final Set<Long> queued = new LinkedHashSet<>();
    private long redirectsIssued;
    /** Whether an action since the last storage check may have changed what storage holds. */
    private boolean storageTouched = true;

    private long filesServed;
    /** The database {@code sync} keeps its copy in, made at the first sync. */
    private String syncTarget;
    /** The tenant's SFTP server its dumps are delivered into, started by the first "deliver". */
    private io.datadump.support.SftpTestServer nas;

    private int daysPassed;
    private final List<String> actions = new ArrayList<>() {
        @Override
        public boolean add(String action) {
            log.info("action {}: {}", size() + 1, action);
            return super.add(action);
        }
    };
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountLife.class);

    AccountLife(Variant variant, S3ProxyServer s3) {
        this.variant = variant;
        try {
            this.home = Files.createTempDirectory("datadump-life");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> settings = TestDatabases.env(home, TestDatabases.createDatabase());
        settings.put("DATADUMP_ON_DEMAND_MIN_INTERVAL_SECONDS", "0");
        settings.put("DATADUMP_POLLING_MILLIS", "100");
        settings.put("DATADUMP_DUMP_PARALLELISM", "2");
        settings.put("DATADUMP_SECRETS_KEY", "0a".repeat(32));
        settings.put("DATADUMP_DELIVERY_PRIVATE_NETWORKS", "true"); // the SFTP server is on loopback
        settings.put("DATADUMP_DELIVERY_RETRY_BASE_SECONDS", "1");
        settings.putAll(variant.settings);
        if (variant == Variant.S3) settings.putAll(s3.env("datadump", "life-" + WORLDS.incrementAndGet()));
        this.env = settings;
        this.app = App.open(Config.fromMap(env));
        this.account = app.accounts().create("Leben Immobilien GmbH", true).id();
        this.template = app.accounts().create("Vorlage GmbH", false).id();
        app.generator().generate(account, GenerationPlan.tiny(), account, DemoDataGenerator.Progress.NONE);
        app.generator().generate(template, GenerationPlan.tiny(), template, DemoDataGenerator.Progress.NONE);
        this.key = app.apiKeys().create(account, "model").secret();
        this.port = app.startApi("127.0.0.1", 0);
    }

    // ---- actions ------------------------------------------------------------------------------------------------

    void changeRows(SourceChanges.Kind kind, String table, int rows, long seed) {
        actions.add(kind + " " + rows + " " + table);
        changes().apply(kind, table, rows, seed);
    }

    void addCustomField(String entity, String name, long seed) {
        actions.add("add custom field " + entity + "." + name);
        changes().addCustomField(entity, name, seed);
    }

    void removeCustomField(String entity, String name) {
        actions.add("remove custom field " + entity + "." + name);
        changes().removeCustomField(entity, name);
    }

    /** {@code datadump dump}: a dump made at once, by the operator, whatever else is queued. */
    void dumpNow() {
        actions.add("dump");
        storageTouched = true;
        Map<String, List<String>> expected = sourceNow();
        DumpResult result = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
        published(result.run().id(), expected);
    }

    /** {@code POST /v1/datadump/runs}: queued, to be run by a worker later. */
    void requestDump() {
        actions.add("request a dump");
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v1/datadump/runs"))
                .header("X-API-KEY", key)
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (queued.isEmpty()) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            queued.add(read(response.body()).get("run_id").asLong());
        } else {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        }
    }

    /**
     * The scheduler runs what is due, then stops: the queued on-demand run and, with {@code daily}, the account's daily
     * dump made due now.
     */
    void runScheduler(boolean daily) {
        actions.add(daily ? "scheduled dump" : "worker runs the queue");
        storageTouched = true;
        Map<String, List<String>> expected = sourceNow();
        Set<Long> before = publishedIds();
        if (daily) app.scheduler().runNow(account);
        int expectedNew = queued.size() + (daily ? 1 : 0);
        app.startScheduler();
        try {
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                Set<Long> now = publishedIds();
                now.removeAll(before);
                boolean busy = !app.jdbc()
                        .query(
                                "SELECT id FROM dump_runs WHERE account_id = ? AND status IN ('queued', 'running')",
                                rs -> rs.getLong(1),
                                account)
                        .isEmpty();
                if (now.size() >= expectedNew && !busy) break;
                assertThat(System.nanoTime())
                        .as("the scheduler ran what was due within a minute")
                        .isLessThan(end);
                sleep(50);
            }
        } finally {
            app.stopScheduler();
        }
        // the runs in the order they were published (by snapshot, as the database holds them)
        List<Long> made = app
                .jdbc()
                .query(
                        "SELECT id FROM dump_runs WHERE account_id = ? AND status IN ('published', 'expiring', 'pruned')"
                                + " AND snapshot_at IS NOT NULL ORDER BY snapshot_at",
                        rs -> rs.getLong(1),
                        account)
                .stream()
                .filter(id -> !dumps.containsKey(id))
                .toList();
        assertThat(made).hasSize(expectedNew);
        for (long id : made) record(id, expected);
        // a dump superseded on its day by the next one of the same run is offered no more
        for (long id : made) if (retained.contains(id)) verifyServed(id);
        queued.clear();
    }

    /** A day goes by: every time datadump recorded moves a day into the past, and links handed out have expired. */
    void dayPasses(int days) {
        actions.add(days + " day(s) pass");
        daysPassed += days;
        storageTouched = true;
        String shift = "interval '" + days + " day'";
        app.jdbc()
                .update(
                        "UPDATE dump_runs SET started_at = started_at - " + shift + ", finished_at = finished_at - "
                                + shift + ", snapshot_at = snapshot_at - " + shift + ", delete_after = delete_after - "
                                + shift + ", manifest = CASE WHEN manifest IS NULL THEN NULL ELSE jsonb_set(manifest,"
                                + " '{snapshot_at}', to_jsonb(to_char(((manifest->>'snapshot_at')::timestamptz - "
                                + shift + ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))) END"
                                + " WHERE account_id = ?",
                        account);
        for (Map.Entry<Long, ModelDump> e : dumps.entrySet()) {
            ModelDump d = e.getValue();
            e.setValue(new ModelDump(d.id(), d.snapshotAt().minus(Duration.ofDays(days)), d.rows()));
        }
        links.clear();
        app.runHousekeeping();
    }

    /** The API node stops (SIGTERM: a clean stop) and starts again. */
    void restartApi() {
        actions.add("restart the API node");
        storageTouched = true;
        app.close();
        app = App.open(Config.fromMap(env));
        port = app.startApi("127.0.0.1", 0);
    }

    /** A link to a table of the current dump or of a retained one, handed out and downloaded once. */
    void issueLink(String table, int format, int dumpChoice) {
        List<Long> kept = new ArrayList<>(retained);
        Long dump = dumpChoice % 2 == 0 || kept.isEmpty() ? null : kept.get(dumpChoice % kept.size());
        String fmt = FORMATS[format % FORMATS.length];
        actions.add("link to " + table + " as " + fmt + " of " + (dump == null ? "the current dump" : "dump " + dump));
        if (dumps.isEmpty()) return;
        String path = "/v1/datadump/" + table + "?redirect=false&format=" + fmt + (dump == null ? "" : "&dump=" + dump);
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        redirectsIssued++;
        long dumpId = dump == null ? lastPublished() : dump;
        IssuedLink link = new IssuedLink(read(response.body()).get("url").asText(), dumpId, table, fmt);
        links.add(link);
        download(link);
    }

    /** A link handed out earlier (today) is followed again. */
    void followLink(int which) {
        actions.add("follow link " + which);
        if (links.isEmpty()) return;
        download(links.get(which % links.size()));
    }

    /** The changes of a table since a retained dump, applied to that dump's rows, give the current rows. */
    void changesSince(String table, int dumpChoice) {
        if (dumps.isEmpty()) return;
        List<Long> all = new ArrayList<>(dumps.keySet());
        long since = all.get(dumpChoice % all.size());
        actions.add("changes of " + table + " since " + since);
        HttpResponse<String> response = get("/v1/datadump/" + table + "/changes?since=" + since);
        if (!retained.contains(since)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(410);
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<Long, JsonNode> rows = new TreeMap<>();
        for (String row : dumps.get(since).rows().get(table)) {
            JsonNode node = read(row);
            rows.put(node.get("id").asLong(), node);
        }
        for (String line : response.body().split("\n")) {
            if (line.isBlank()) continue;
            JsonNode op = read(line);
            if (op.get("op").asText().equals("delete")) rows.remove(op.get("id").asLong());
            else rows.put(op.get("row").get("id").asLong(), op.get("row"));
        }
        List<JsonNode> expected = dumps.get(lastPublished()).rows().get(table).stream()
                .map(this::read)
                .toList();
        assertThat(new ArrayList<>(rows.values()))
                .as("changes of " + table + " since " + since)
                .isEqualTo(expected);
    }

    /** {@code datadump pull --history} into a backup directory, then {@code datadump verify}. */
    void pullAndVerify() {
        actions.add("pull --history and verify");
        if (dumps.isEmpty()) return;
        Map<String, String> client = new HashMap<>(env);
        client.put("DATADUMP_API_KEY", key);
        Path dir = home.resolve("backup");
        CliRunner.Outcome pull =
                CliRunner.run(client, "pull", "--url", base(), "--dir", dir.toString(), "--history", "--quiet");
        assertThat(pull.exitCode()).as(pull.err()).isZero();
        CliRunner.Outcome verify = CliRunner.run(client, "verify", "--dir", dir.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        app.audit().flush();
        redirectsIssued = auditCount("redirect"); // pull's own requests are audited too
        filesServed = auditCount("file");
    }

    /**
     * {@code datadump destinations deliver} of the newest dump into the tenant's SFTP server, which from its first
     * delivery on also gets every dump published (delivered whenever a scheduler runs, or by this command, which runs
     * whatever deliveries are due, older dumps' too). The run's folder then has its manifest and {@code _SUCCESS}, every
     * file its SHA-256, and every JSON file exactly the rows the source held at that dump's snapshot.
     */
    void deliver() {
        actions.add("deliver");
        try {
            if (nas == null) {
                nas = io.datadump.support.SftpTestServer.start();
                app.destinations()
                        .add(
                                account,
                                new io.datadump.delivery.Destinations.NewDestination(
                                        "nas",
                                        new io.datadump.delivery.Destination.Sftp(
                                                "127.0.0.1",
                                                nas.port(),
                                                io.datadump.support.SftpTestServer.USER,
                                                nas.fingerprint(),
                                                "life",
                                                io.datadump.delivery.Destination.SftpAuth.PASSWORD),
                                        io.datadump.support.SftpTestServer.PASSWORD,
                                        List.of(io.datadump.formats.Format.JSON),
                                        false,
                                        List.of(),
                                        java.util.Optional.empty()));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        CliRunner.Outcome deliver = CliRunner.run(
                env,
                "destinations",
                "deliver",
                "--account",
                Long.toString(account),
                "--name",
                "nas",
                "--wait-minutes",
                "2");
        if (dumps.isEmpty()) {
            assertThat(deliver.exitCode()).isNotZero();
            assertThat(deliver.err()).contains("has no published dump yet");
            return;
        }
        assertThat(deliver.exitCode()).as(deliver.err()).isZero();
        long id = lastPublished();
        assertThat(deliver.out()).startsWith("delivered dump " + id + " ");
        java.time.LocalDate day =
                java.time.LocalDate.ofInstant(app.runs().find(id).orElseThrow().snapshotAt(), ZONE);
        Path root = nas.root().resolve("life");
        Path run = root.resolve("_runs/" + day + "-" + id);
        assertThat(run.resolve("_SUCCESS")).exists();
        try {
            JsonNode manifest = json.readTree(run.resolve("manifest.json").toFile());
            Map<String, List<String>> expected = dumps.get(id).rows();
            assertThat(manifest.get("files")).hasSize(expected.size());
            for (JsonNode f : manifest.get("files")) {
                byte[] bytes = Files.readAllBytes(root.resolve(f.get("path").asText()));
                assertThat(java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(bytes)))
                        .as(f.get("path").asText())
                        .isEqualTo(f.get("sha256").asText());
                List<JsonNode> rows = new ArrayList<>();
                json.readTree(bytes).forEach(rows::add);
                assertThat(rows)
                        .as("delivered " + f.get("path").asText())
                        .isEqualTo(expected.get(f.get("table").asText()).stream()
                                .map(this::read)
                                .toList());
            }
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code datadump sync --check} into the tenant's own database: the copy then holds every table of the current
     * dump exactly as the source held it at that dump's snapshot, read back here independently of the command.
     */
    void sync() {
        actions.add("sync");
        if (syncTarget == null) syncTarget = TestDatabases.createDatabase();
        Map<String, String> client = new HashMap<>(env);
        client.put("DATADUMP_API_KEY", key);
        CliRunner.Outcome sync = CliRunner.run(
                client,
                "sync",
                "--url",
                base(),
                "--into",
                TestDatabases.withCredentials(syncTarget),
                "--schema",
                "copy",
                "--check",
                "--quiet");
        app.audit().flush();
        redirectsIssued = auditCount("redirect"); // sync's own requests are audited too
        filesServed = auditCount("file");
        if (dumps.isEmpty()) {
            assertThat(sync.exitCode()).isNotZero();
            assertThat(sync.err()).contains("there is no dump yet");
            return;
        }
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).isEmpty();
        ModelDump current = dumps.get(lastPublished());
        try (Connection c = TestDatabases.connect(syncTarget)) {
            for (Map.Entry<String, List<String>> table : current.rows().entrySet()) {
                List<String> expected = table.getValue();
                List<String> columns = new ArrayList<>(List.of("id"));
                if (!expected.isEmpty()) { // the dump's columns, in its order (a removed field's column stays)
                    columns.clear();
                    read(expected.get(0)).fieldNames().forEachRemaining(n -> columns.add('"' + n + '"'));
                }
                List<String> copied = new ArrayList<>();
                try (var st = c.createStatement();
                        var rs = st.executeQuery("SELECT row_to_json(t)::text FROM (SELECT "
                                + String.join(", ", columns) + " FROM copy." + table.getKey() + ") t ORDER BY t.id")) {
                    while (rs.next()) copied.add(rs.getString(1));
                }
                assertThat(parsed(copied))
                        .as("the synced copy of " + table.getKey() + " at dump " + current.id())
                        .isEqualTo(parsed(expected));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CRM's staff, through the current app's connection (a restart closes the old one). */
    private SourceChanges changes() {
        return new SourceChanges(app.builtInCrm(), account, template);
    }

    // ---- the model's side ---------------------------------------------------------------------------------------

    private void published(long id, Map<String, List<String>> expected) {
        record(id, expected);
        verifyServed(id);
    }

    private void record(long id, Map<String, List<String>> expected) {
        DumpRun run = app.runs().find(id).orElseThrow();
        Instant snapshot = Instant.parse(run.manifest().orElseThrow().snapshotAt());
        dumps.put(id, new ModelDump(id, snapshot, expected));
        retained.add(id);
        List<RetentionPolicy.Dated> newestFirst = retained.stream()
                .map(dumps::get)
                .sorted((a, b) -> b.snapshotAt().compareTo(a.snapshotAt()))
                .map(d -> new RetentionPolicy.Dated(
                        d.id(), d.snapshotAt().atZone(ZONE).toLocalDate()))
                .toList();
        retained.retainAll(policy.keep(newestFirst));
    }

    /** A retained dump serves every table as the source held it at its snapshot. */
    private void verifyServed(long id) {
        for (String table : dumps.get(id).rows().keySet()) {
            IssuedLink link = new IssuedLink(linkTo(table, "json", id), id, table, "json");
            links.add(link);
            download(link);
        }
    }

    private String linkTo(String table, String format, long dump) {
        HttpResponse<String> response =
                get("/v1/datadump/" + table + "?redirect=false&format=" + format + "&dump=" + dump);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        redirectsIssued++;
        return read(response.body()).get("url").asText();
    }

    /** Follows a link: it must serve exactly the rows its dump's table held. */
    private void download(IssuedLink link) {
        HttpResponse<byte[]> response = getBytes(link.url());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode())
                .as("a link to " + link.table() + " of dump " + link.dumpId() + " within its lifetime: " + text)
                .isEqualTo(200);
        // files served straight from S3 through presigned links are audited as links only (S3 logs the rest)
        if (link.url().startsWith("/v1/files/") || link.url().startsWith(base() + "/v1/files/")) filesServed++;
        List<String> expected = dumps.get(link.dumpId()).rows().get(link.table());
        String what = link.table() + " of dump " + link.dumpId() + " as " + link.format();
        List<String> expectedIds =
                expected.stream().map(r -> read(r).get("id").asText()).toList();
        switch (link.format()) {
            case "json" -> assertThat(parsed(jsonLines(text))).as(what).isEqualTo(parsed(expected));
            case "ndjson" -> assertThat(parsed(text.lines().toList())).as(what).isEqualTo(parsed(expected));
            case "parquet" ->
                assertThat(TypedFiles.parquetIds(response.body())).as(what).isEqualTo(expectedIds);
            case "xlsx" ->
                assertThat(TypedFiles.xlsxIds(response.body())).as(what).isEqualTo(expectedIds);
            default ->
                assertThat(csvIds(text, link.format().equals("csv-excel")))
                        .as(what)
                        .isEqualTo(expectedIds);
        }
    }

    /**
     * Rows compared as JSON values: the dump writes jsonb values compactly, where row_to_json's text keeps jsonb's own
     * spacing ({@code {"a": 1}}); every other byte is the same.
     */
    private List<JsonNode> parsed(List<String> rows) {
        return rows.stream().map(this::read).toList();
    }

    /** The rows of a dump's JSON file: one per line between the brackets. */
    private static List<String> jsonLines(String body) {
        List<String> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            String row = line.strip();
            if (row.startsWith("[")) row = row.substring(1);
            if (row.endsWith("]")) row = row.substring(0, row.length() - 1);
            if (row.endsWith(",")) row = row.substring(0, row.length() - 1);
            if (!row.isEmpty()) rows.add(row);
        }
        return rows;
    }

    private static List<String> csvIds(String body, boolean excel) {
        String text = excel && body.startsWith("\uFEFF") ? body.substring(1) : body;
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setDelimiter(excel ? ';' : ',')
                .setHeader()
                .setSkipHeaderRecord(true)
                .build();
        try (CSVParser parser = CSVParser.parse(text, format)) {
            return parser.getRecords().stream()
                    .map((CSVRecord r) -> r.get("id"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the source holds now, table by table, as row_to_json renders each row of the table's dump query. */
    private Map<String, List<String>> sourceNow() {
        TableCatalog catalog = app.catalog();
        return app.source().withHandle(h -> {
            Map<String, List<CustomFieldDefinition>> fields = catalog.customFields(h, account);
            Map<String, List<String>> rows = new TreeMap<>();
            for (TableDefinition table : catalog.all()) {
                List<String> keys = catalog.columns(h.connection(), table.name()).stream()
                        .map(TableCatalog.Column::name)
                        .toList();
                List<String> custom = fields.getOrDefault(table.name(), List.of()).stream()
                        .map(CustomFieldDefinition::name)
                        .toList();
                String sql = table.dumpSql(keys, custom, account);
                rows.put(
                        table.name(),
                        h.query("SELECT row_to_json(q)::text FROM (" + sql + ") q", rs -> rs.getString(1)));
            }
            return rows;
        });
    }

    // ---- invariants ---------------------------------------------------------------------------------------------

    void checkInvariants() {
        // the current dump is the newest published snapshot, and the database, the API and current.json say so
        if (!dumps.isEmpty()) {
            long current = lastPublished();
            assertThat(app.runs().current(account).orElseThrow().id())
                    .as("the database's current dump")
                    .isEqualTo(current);
            HttpResponse<String> index = get("/v1/datadump");
            assertThat(index.statusCode()).as(index.body()).isEqualTo(200);
            assertThat(read(index.body()).get("dump_id").asLong())
                    .as("the API's current dump")
                    .isEqualTo(current);
            try (InputStream in = app.storage().open("accounts/" + account + "/current.json", 0, -1)) {
                assertThat(json.readTree(in).get("manifest").get("dump_id").asLong())
                        .as("current.json")
                        .isEqualTo(current);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // retention keeps, by snapshot day, exactly what the policy says
        assertThat(app.jdbc()
                        .query(
                                "SELECT id FROM dump_runs WHERE account_id = ? AND status = 'published' ORDER BY id",
                                rs -> rs.getLong(1),
                                account))
                .as("the retained dumps")
                .containsExactlyInAnyOrderElementsOf(retained);
        // nothing is left running, and only what the model queued is waiting
        assertThat(app.jdbc()
                        .query(
                                "SELECT id FROM dump_runs WHERE account_id = ? AND status IN ('queued', 'running')",
                                rs -> rs.getLong(1),
                                account))
                .as("runs queued or running")
                .containsExactlyInAnyOrderElementsOf(queued);
        // storage holds every file a kept dump needs, with its checksum, and nothing else (read back whenever an
        // action may have changed it: on S3 through s3proxy, reading it all after every action took minutes)
        if (storageTouched) {
            StorageCheck.Report report = app.storageCheck().check(account);
            assertThat(report.problems()).as("datadump check").isEmpty();
            storageTouched = false;
        }
        // every link handed out and every file served is in the access log
        app.audit().flush();
        assertThat(auditCount("redirect")).as("links in the access log").isEqualTo(redirectsIssued);
        assertThat(auditCount("file")).as("files in the access log").isEqualTo(filesServed);
    }

    /**
     * At the end of a life: every link handed out still serves its rows, every table of every retained dump serves
     * them as JSON, and of the current and the oldest retained dump in every format.
     */
    void checkEverything() {
        for (IssuedLink link : List.copyOf(links)) download(link);
        Set<Long> allFormats = dumps.isEmpty()
                ? Set.of()
                : Set.of(lastPublished(), retained.iterator().next());
        for (long id : retained) {
            for (String table : dumps.get(id).rows().keySet()) {
                for (String format : allFormats.contains(id) ? FORMATS : new String[] {"json"})
                    download(new IssuedLink(linkTo(table, format, id), id, table, format));
            }
        }
        for (String table : List.of("contacts", "notes", "todos"))
            for (int i = 0; i < dumps.size(); i++) changesSince(table, i);
        checkInvariants();
    }

    private long auditCount(String kind) {
        return app.jdbc()
                .queryFirst(
                        "SELECT coalesce(sum(requests), 0) FROM download_audit WHERE account_id = ? AND kind = ?",
                        rs -> rs.getLong(1),
                        account,
                        kind)
                .orElse(0L);
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    private long lastPublished() {
        return dumps.values().stream()
                .max((a, b) -> a.snapshotAt().compareTo(b.snapshotAt()))
                .orElseThrow()
                .id();
    }

    private Set<Long> publishedIds() {
        return new LinkedHashSet<>(app.jdbc()
                .query(
                        "SELECT id FROM dump_runs WHERE account_id = ? AND status IN ('published', 'expiring', 'pruned')",
                        rs -> rs.getLong(1),
                        account));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private URI uri(String path) {
        return URI.create(path.startsWith("http") ? path : base() + path);
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-API-KEY", key).GET());
    }

    private HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("X-API-KEY", key)
                            .timeout(Duration.ofSeconds(30))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(
                    request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return variant + " after " + actions.size() + " actions: "
                + actions.stream().skip(Math.max(0, actions.size() - 12)).collect(Collectors.joining("; "));
    }

    @Override
    public void close() {
        log.info(
                "{}: {} actions over {} simulated days, {} dumps published, {} retained at the end, {} links and {} files"
                        + " served",
                variant,
                actions.size(),
                daysPassed,
                dumps.size(),
                retained.size(),
                redirectsIssued,
                filesServed);
        app.close();
        // jqwik makes a life per try and per shrinking step: each leaves nothing behind (CI machines may have little
        // disk; a failing chain once shrank through hundreds)
        TestDatabases.dropDatabase(env.get("DATADUMP_DB_URL"));
        if (syncTarget != null) TestDatabases.dropDatabase(syncTarget);
        if (nas != null) {
            try {
                nas.close();
            } catch (IOException e) {
                log.warn("the SFTP server did not stop: {}", e.getMessage());
            }
        }
        TestDatabases.deleteDirectory(home);
    }
}
