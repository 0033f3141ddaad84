package io.datadump.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunStatus;
import io.datadump.dump.RunTrigger;
import io.datadump.support.Datadump;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeFailoverTest {

    @Test
    void aDumpWhoseNodeIsKilledIsCompletedByAnotherNode() throws Exception {
        String url = TestDatabases.createDatabase();
        Path storage = Files.createTempDirectory("failover-storage");
        Map<String, String> env = new HashMap<>(TestDatabases.env(Files.createTempDirectory("survivor"), url));
        env.put("DATADUMP_STORAGE", "file:" + storage);
        env.put("DATADUMP_HEARTBEAT_SECONDS", "1");
        env.put("DATADUMP_POLLING_MILLIS", "200");
        try (App survivor = App.open(Config.fromMap(env))) {
            long account = survivor.accounts().create("Failover GmbH", true).id();
            survivor.generator().generate(account, GenerationPlan.forScale(2), 9, DemoDataGenerator.Progress.NONE);

            // The doomed node: a real second JVM running 'datadump worker'. It is held mid-dump by a lock this test
            // takes on the contacts table, so it is surely killed while its dump runs.
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
                survivor.scheduler().runNow(account);
                long pid = doomed.pid();
                Optional<DumpRun> running = Optional.empty();
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (running.isEmpty() && System.nanoTime() < end) {
                    running = survivor.runs().recent(account, 5).stream()
                            .filter(r -> r.status() == RunStatus.RUNNING
                                    && r.node() != null
                                    && r.node().contains(":" + pid + ":"))
                            .findFirst();
                    Thread.sleep(100);
                }
                assertThat(running).as("the worker process started the dump").isPresent();
                doomed.destroyForcibly().waitFor(); // kill -9: no shutdown hooks, no clean-up
                blocker.rollback(); // the dead worker's server process now finds its client gone and ends
                blocker.close();
                assertThat(survivor.runs().current(account)).isEmpty();

                survivor.startScheduler();
                end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (survivor.runs().current(account).isEmpty() && System.nanoTime() < end) Thread.sleep(200);
                DumpRun done = survivor.runs()
                        .current(account)
                        .orElseThrow(() -> new AssertionError("no node completed the dump"));
                assertThat(done.node()).doesNotContain(":" + pid + ":");
                assertThat(done.trigger()).isEqualTo(RunTrigger.SCHEDULE);
                DumpRun abandoned = survivor.runs().find(running.get().id()).orElseThrow();
                assertThat(abandoned.status()).isEqualTo(RunStatus.FAILED);
                assertThat(abandoned.error())
                        .hasValueSatisfying(e -> assertThat(e).contains("abandoned"));
            } finally {
                doomed.destroyForcibly();
                if (!blocker.isClosed()) blocker.close();
            }
        }
    }
}
