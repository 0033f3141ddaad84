package io.datadump.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.read.ListAppender;
import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpException;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import io.datadump.support.RawHttp;
import io.datadump.support.TcpProxy;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The database stalls or goes away: bounded failures, a freed lock, links that keep working, recovery. */
class DatabaseFaultTest {
    static App appBehind(TcpProxy proxy, String url) throws Exception {
        Map<String, String> env = new HashMap<>(TestDatabases.env(Files.createTempDirectory("faults"), url));
        var target = TcpProxy.target(url);
        env.put("DATADUMP_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + url.substring(url.indexOf('/', 18)));
        env.put("DATADUMP_DB_CONNECT_TIMEOUT_SECONDS", "2");
        env.put("DATADUMP_DB_SOCKET_TIMEOUT_SECONDS", "3");
        assertThat(target.getPort()).isPositive();
        return App.open(Config.fromMap(env));
    }

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @SuppressWarnings("unchecked")
    static Layout<ILoggingEvent> layout() {
        return ((LayoutWrappingEncoder<ILoggingEvent>)
                        ((ConsoleAppender<ILoggingEvent>) root().getAppender("STDERR")).getEncoder())
                .getLayout();
    }

    @BeforeEach
    void captureLog() {
        logged.start();
        root().addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        root().detachAppender(logged);
    }

    @Test
    void aDatabaseThatStallsAtStartFailsItWithinTheConnectTimeout() throws Exception {
        String url = TestDatabases.createDatabase();
        try (TcpProxy proxy = new TcpProxy(TcpProxy.target(url).getPort())) {
            proxy.mode(TcpProxy.Mode.STALL);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> appBehind(proxy, url)).isInstanceOf(RuntimeException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                    .as("DATADUMP_DB_CONNECT_TIMEOUT_SECONDS is 2")
                    .isLessThan(2_000 + 3_000);
        }
    }

    @Test
    void aDumpFailsInBoundedTimeWhenTheDatabaseStallsAndItsLockIsFreedAfterwards() throws Exception {
        String url = TestDatabases.createDatabase();
        try (TcpProxy proxy = new TcpProxy(TcpProxy.target(url).getPort());
                App app = appBehind(proxy, url)) {
            long account = app.accounts().create("Stau GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(2), 1, DemoDataGenerator.Progress.NONE);
            CompletableFuture<DumpResult> dump =
                    CompletableFuture.supplyAsync(() -> app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE));
            Thread.sleep(150);
            proxy.mode(TcpProxy.Mode.STALL);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> dump.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(DumpException.class);
            long failedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("the stalled dump failed after " + failedAfter + " ms");
            assertThat(failedAfter)
                    .as("failed within the socket timeout (3 s) and the recording of the failure (connect: 2 s),"
                            + " not one socket timeout per statement")
                    .isLessThan(3_000 + 2 * 2_000 + 4_000);
            long lines = logged.list.stream()
                    .map(e -> layout().doLayout(e))
                    .mapToLong(text -> text.lines().count())
                    .sum();
            assertThat(lines)
                    .as("log lines for a stalled dump: no stack traces of other components")
                    .isLessThan(15);

            proxy.dropAll(); // the network comes back: the server sees the dead connection and drops its lock
            proxy.mode(TcpProxy.Mode.FORWARD);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (app.engine().isRunning(account) && System.nanoTime() < end) Thread.sleep(200);
            assertThat(app.engine().isRunning(account))
                    .as("the account's dump lock is free")
                    .isFalse();
            assertThat(app.engine()
                            .dump(account, RunTrigger.CLI, DumpEvents.NONE)
                            .rows())
                    .isPositive();
        }
    }

    @Test
    void throughAnOutageHealthAnswersFastLinksWorkAndEverythingElseIs503ThenItRecovers() throws Exception {
        String url = TestDatabases.createDatabase();
        try (TcpProxy proxy = new TcpProxy(TcpProxy.target(url).getPort());
                App app = appBehind(proxy, url)) {
            long account = app.accounts().create("Ausfall GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 2, DemoDataGenerator.Progress.NONE);
            long rows =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).rows();
            String key = app.apiKeys().create(account, "k").secret();
            int port = app.startApi("127.0.0.1", 0);
            RawHttp.Response redirect =
                    RawHttp.send(port, "GET /v1/datadump/contacts HTTP/1.1\r\nHost: x\r\nX-API-KEY: " + key);
            assertThat(redirect.status()).isEqualTo(302);
            String link = redirect.header("Location");
            long size =
                    RawHttp.send(port, "GET " + link + " HTTP/1.1\r\nHost: x").body().length;

            long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!app.metrics().scrape().contains("datadump_accounts_enabled 1.0") && System.nanoTime() < ready)
                Thread.sleep(100);
            proxy.mode(TcpProxy.Mode.REFUSE);
            long t0 = System.nanoTime();
            RawHttp.Response health = RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: x");
            assertThat(health.status()).isEqualTo(503);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(2_000);
            t0 = System.nanoTime();
            String metrics = app.metrics().scrape();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
                    .as("/metrics during the outage: the last known values, at once")
                    .isLessThan(1_000);
            assertThat(metrics).contains("datadump_accounts_enabled 1.0");
            RawHttp.Response file = RawHttp.send(port, "GET " + link + " HTTP/1.1\r\nHost: x");
            assertThat(file.status()).as("a link signed before the outage").isEqualTo(200);
            assertThat((long) file.body().length).isEqualTo(size);
            RawHttp.Response unknownKey =
                    RawHttp.send(port, "GET /v1/datadump HTTP/1.1\r\nHost: x\r\nX-API-KEY: dd_never_seen_before_key");
            assertThat(unknownKey.status()).isEqualTo(503);
            assertThat(unknownKey.header("Retry-After")).isNotNull();
            assertThat(unknownKey.text()).contains("database_unavailable");

            proxy.mode(TcpProxy.Mode.FORWARD);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int status = 0;
            while (status != 200 && System.nanoTime() < end) {
                status = RawHttp.send(port, "GET /health HTTP/1.1\r\nHost: x").status();
                Thread.sleep(200);
            }
            assertThat(status).as("recovered without a restart").isEqualTo(200);
            assertThat(RawHttp.send(port, "GET /v1/datadump HTTP/1.1\r\nHost: x\r\nX-API-KEY: " + key)
                            .text())
                    .contains("\"rows\"");
            assertThat(rows).isPositive();
        }
    }
}
