package io.datadump.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunStatus;
import io.datadump.dump.RunTrigger;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DumpSchedulerTest {

    static Map<String, String> env(Path home, String url, Path storage) {
        Map<String, String> env = new HashMap<>(TestDatabases.env(home, url));
        env.put("DATADUMP_STORAGE", "file:" + storage);
        env.put("DATADUMP_POLLING_MILLIS", "200");
        env.put("DATADUMP_HEARTBEAT_SECONDS", "2");
        env.put("DATADUMP_SCHEDULER_THREADS", "2");
        env.put("DATADUMP_RETRY_BASE_SECONDS", "600");
        return env;
    }

    static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within " + timeout);
            Thread.sleep(100);
        }
    }

    @Test
    void enablingSchedulesTheDailyDumpAtTheAccountsLocalTimeAndDisablingUnschedules() throws Exception {
        try (App app = TestDatabases.freshApp()) {
            long id = app.accounts().create("Scheduled GmbH", true).id();
            Instant at = app.scheduler().scheduledAt(id).orElseThrow();
            assertThat(at.atZone(ZoneId.of("Europe/Berlin")).toLocalTime()).isEqualTo(LocalTime.of(2, 0));
            assertThat(at).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofHours(25)));

            app.accounts().setSchedule(id, LocalTime.of(5, 30), ZoneId.of("America/New_York"));
            assertThat(app.scheduler()
                            .scheduledAt(id)
                            .orElseThrow()
                            .atZone(ZoneId.of("America/New_York"))
                            .toLocalTime())
                    .isEqualTo(LocalTime.of(5, 30));

            app.accounts().setDatadumpEnabled(id, false);
            assertThat(app.scheduler().scheduledAt(id)).isEmpty();
            long free = app.accounts().create("Free GmbH", false).id();
            assertThat(app.scheduler().scheduledAt(free)).isEmpty();
        }
    }

    @Test
    void twoNodesDumpFiftyAccountsEachExactlyOnce() throws Exception {
        String url = TestDatabases.createDatabase();
        Path storage = Files.createTempDirectory("shared-storage");
        try (App node1 = App.open(Config.fromMap(env(Files.createTempDirectory("n1"), url, storage)));
                App node2 = App.open(Config.fromMap(env(Files.createTempDirectory("n2"), url, storage)))) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                long id = node1.accounts().create("Makler " + i, true).id();
                try (Connection c = node1.database().builtInCrm().getConnection();
                        var st = c.createStatement()) {
                    st.execute("INSERT INTO contacts (account_id, first_name, created_at, updated_at) VALUES (" + id
                            + ", 'K" + i + "', now(), now())");
                }
                ids.add(id);
            }
            node1.startScheduler();
            node2.startScheduler();
            for (long id : ids) node1.scheduler().runNow(id);
            await(() -> ids.stream().allMatch(id -> node1.runs().current(id).isPresent()), Duration.ofSeconds(90));
            Thread.sleep(1000); // give a double execution, if there were one, time to show up
            for (long id : ids) {
                List<DumpRun> runs = node1.runs().recent(id, 10);
                assertThat(runs).as("runs of account " + id).hasSize(1);
                assertThat(runs.get(0).status()).isEqualTo(RunStatus.PUBLISHED);
                assertThat(runs.get(0).trigger()).isEqualTo(RunTrigger.SCHEDULE);
                // and it waits for its next daily slot again (02:00 in Berlin, after the run: not "now + a minute",
                // which fails when the test runs in the minute before 02:00)
                Instant next = node1.scheduler().scheduledAt(id).orElseThrow();
                assertThat(next).isAfter(runs.get(0).finishedAt().orElseThrow());
                assertThat(next.atZone(ZoneId.of("Europe/Berlin")).toLocalTime())
                        .isEqualTo(LocalTime.of(2, 0));
            }
            Map<String, Long> byNode = ids.stream()
                    .map(id -> node1.runs().recent(id, 1).get(0).node())
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            assertThat(byNode.keySet()).as("both nodes took work: " + byNode).hasSize(2);
        }
    }

    @Test
    void aFailedScheduledDumpIsRetriedWithBackoffAndRecorded() throws Exception {
        String url = TestDatabases.createDatabase();
        Path notADirectory = Files.createTempFile("storage", ".file"); // writes below a regular file fail
        try (App app = App.open(Config.fromMap(env(Files.createTempDirectory("n"), url, notADirectory)))) {
            long id = app.accounts().create("Failing GmbH", true).id();
            app.startScheduler();
            app.scheduler().runNow(id);
            await(() -> consecutiveFailures(app, id) >= 1, Duration.ofSeconds(30));
            Instant retryAt = app.scheduler().scheduledAt(id).orElseThrow();
            assertThat(retryAt)
                    .isBetween(
                            Instant.now().plus(Duration.ofMinutes(8)),
                            Instant.now().plus(Duration.ofMinutes(11)));
            DumpRun failed = app.runs().recent(id, 1).get(0);
            assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
            assertThat(failed.error()).isPresent();
            assertThat(app.runs().current(id)).isEmpty();
        }
    }

    static int consecutiveFailures(App app, long accountId) {
        try (Connection c = app.database().connection();
                var ps = c.prepareStatement(
                        "SELECT coalesce(consecutive_failures, 0) FROM scheduled_tasks WHERE task_name = 'daily-dump' AND task_instance = ?")) {
            ps.setString(1, Long.toString(accountId));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
