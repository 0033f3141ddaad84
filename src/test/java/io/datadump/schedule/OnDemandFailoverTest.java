package io.datadump.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunStatus;
import io.datadump.dump.RunTrigger;
import io.datadump.support.Datadump;
import io.datadump.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** On-demand dumps survive the death of the node running them, and racing requests leave no phantom runs. */
class OnDemandFailoverTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();

    static HttpResponse<String> send(String method, String url, String key) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-API-KEY", key)
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> env(String url, Path storage) throws Exception {
        Map<String, String> env = new HashMap<>(TestDatabases.env(Files.createTempDirectory("node"), url));
        env.put("DATADUMP_STORAGE", "file:" + storage);
        env.put("DATADUMP_HEARTBEAT_SECONDS", "1");
        env.put("DATADUMP_POLLING_MILLIS", "200");
        env.put("DATADUMP_SIGNING_SECRET", "the-same-secret-on-every-node");
        return env;
    }

    @Test
    void anOnDemandRunWhoseNodeIsKilledIsPublishedByAnotherNode() throws Exception {
        String url = TestDatabases.createDatabase();
        Path storage = Files.createTempDirectory("on-demand-failover");
        Map<String, String> env = env(url, storage);
        try (App survivor = App.open(Config.fromMap(env))) {
            long account = survivor.accounts().create("Abruf GmbH", true).id();
            survivor.generator().generate(account, GenerationPlan.forScale(1), 5, DemoDataGenerator.Progress.NONE);
            String key = survivor.apiKeys().create(account, "k").secret();
            String base = "http://127.0.0.1:" + survivor.startApi("127.0.0.1", 0);

            // The doomed node, a real second JVM, held mid-dump by a lock this test takes on the contacts table.
            Path log = Files.createTempFile("worker", ".log");
            ProcessBuilder pb =
                    Datadump.command("worker").redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            pb.environment()
                    .put("DATADUMP_HOME", Files.createTempDirectory("doomed").toString());
            Process doomed = pb.start();
            // the worker checks the catalog as it starts, which the lock would hold up: lock once it runs
            Datadump.awaitLog(doomed, log, "datadump worker running");
            Connection blocker = survivor.database().builtInCrm().getConnection();
            blocker.setAutoCommit(false);
            try (var st = blocker.createStatement()) {
                st.execute("LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE");
            }
            try {
                HttpResponse<String> queued = send("POST", base + "/v1/datadump/runs", key);
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
                long runId = JSON.readTree(queued.body()).get("run_id").asLong();
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                DumpRun run = survivor.runs().find(runId).orElseThrow();
                while (!(run.status() == RunStatus.RUNNING && run.node().contains(":" + doomed.pid() + ":"))
                        && System.nanoTime() < end) {
                    Thread.sleep(100);
                    run = survivor.runs().find(runId).orElseThrow();
                }
                assertThat(run.node()).as("the worker took the run").contains(":" + doomed.pid() + ":");
                doomed.destroyForcibly().waitFor(); // kill -9 while it dumps
                blocker.rollback();
                blocker.close();
                // while the run waits to be revived, the tenant is told it is queued or running, never rate-limited
                assertThat(send("POST", base + "/v1/datadump/runs", key).statusCode())
                        .isEqualTo(409);

                survivor.startScheduler();
                end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                String status = "";
                while (!status.equals("published") && System.nanoTime() < end) {
                    Thread.sleep(200);
                    status = JSON.readTree(send("GET", base + "/v1/datadump/runs/" + runId, key)
                                    .body())
                            .get("status")
                            .asText();
                }
                assertThat(status).as("the same run, revived on the other node").isEqualTo("published");
                DumpRun done = survivor.runs().find(runId).orElseThrow();
                assertThat(done.node()).doesNotContain(":" + doomed.pid() + ":");
                assertThat(done.trigger()).isEqualTo(RunTrigger.API);
                assertThat(survivor.runs().recent(account, 10))
                        .as("no phantom or failed runs")
                        .extracting(DumpRun::status)
                        .containsOnly(RunStatus.PUBLISHED);
            } finally {
                doomed.destroyForcibly();
                if (!blocker.isClosed()) blocker.close();
            }
        }
    }

    @Test
    void requestsRacingOnTwoNodesQueueOneRunAndNoPhantoms() throws Exception {
        String url = TestDatabases.createDatabase();
        Path storage = Files.createTempDirectory("on-demand-race");
        try (App a = App.open(Config.fromMap(env(url, storage)));
                App b = App.open(Config.fromMap(env(url, storage)))) {
            long account = a.accounts().create("Rennen GmbH", true).id();
            String key = a.apiKeys().create(account, "k").secret();
            List<String> bases = List.of(
                    "http://127.0.0.1:" + a.startApi("127.0.0.1", 0), "http://127.0.0.1:" + b.startApi("127.0.0.1", 0));
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Callable<Integer>> posts = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String base = bases.get(i % 2);
                    posts.add(
                            () -> send("POST", base + "/v1/datadump/runs", key).statusCode());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(posts)) statuses.add(f.get());
                assertThat(statuses).filteredOn(s -> s == 202).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == 409).hasSize(11);
            } finally {
                pool.shutdownNow();
            }
            assertThat(a.runs().recent(account, 20))
                    .hasSize(1)
                    .extracting(DumpRun::status)
                    .containsOnly(RunStatus.QUEUED);
        }
    }

    @Test
    void abandonedRunsAreFailedAndTheirFilesRemoved() throws Exception {
        String url = TestDatabases.createDatabase();
        Path storage = Files.createTempDirectory("abandoned");
        try (App app = App.open(Config.fromMap(env(url, storage)))) {
            long account = app.accounts().create("Verlassen GmbH", true).id();
            long runId = app.jdbc()
                    .insert(
                            "INSERT INTO dump_runs (account_id, status, trigger, node, storage_prefix)"
                                    + " VALUES (?, 'running', 'schedule', 'dead-node:1:abcd', ?) RETURNING id",
                            account,
                            "accounts/" + account + "/dumps/20260101T000000Z-999/");
            Path leftovers =
                    Files.createDirectories(storage.resolve("accounts/" + account + "/dumps/20260101T000000Z-999"));
            Files.writeString(leftovers.resolve("contacts.json.partial"), "[\n{\"id\":1}");
            assertThat(app.scheduler().cleanAbandonedRuns()).isEqualTo(1);
            DumpRun run = app.runs().find(runId).orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.error()).hasValueSatisfying(e -> assertThat(e).startsWith("abandoned"));
            assertThat(leftovers).doesNotExist();
            assertThat(app.scheduler().cleanAbandonedRuns()).isZero();
        }
    }
}
