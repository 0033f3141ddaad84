package io.datadump.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.RunTrigger;
import io.datadump.support.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The benchmark program keeps working (it is a program, not a timed test: nothing here looks at the figures). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DumpBenchmarkTest {
    static App app;

    @BeforeAll
    static void setUp() {
        app = TestDatabases.freshApp();
    }

    @AfterAll
    static void tearDown() {
        app.close();
    }

    static String run(ThrowingRun body) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.run(new DumpBenchmark(app, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    interface ThrowingRun {
        void run(DumpBenchmark bench) throws Exception;
    }

    @Test
    void timesAllFourVariantsAndPrintsTheRatios() throws Exception {
        String out = run(bench -> bench.run(300, 2, "abcd"));
        assertThat(out)
                .contains("a COPY text", "b COPY row_to_json", "c datadump", "d datadump+gzip")
                .containsPattern("ratios \\(medians\\): c/a = [0-9.]+ .* c/b = [0-9.]+ .* d/c = [0-9.]+");
        // same data for every variant: datadump's file is PostgreSQL's row_to_json output in compact form
        assertThat(out).containsPattern("\\nc datadump +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9,]+ +[0-9.]+ +[0-9.]+ ");
    }

    @Test
    void theTranscoderAloneIsTimedOnTheAccountsRowsAgainstMemoryCopies() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TranscoderBenchmark(app, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(1000, 2);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .containsPattern("whole account held in memory: 26 tables, 1[0-9],[0-9]{3} rows, [0-9,]+ bytes of COPY"
                        + " text, [0-9,]+ bytes of JSON; one thread")
                .contains("t transcode", "h transcode + SHA-256", "m memory copy of the COPY text")
                .containsPattern("per core: transcoder [0-9]+ MB/s of COPY text in, [0-9]+ MB/s of JSON out; with"
                        + " SHA-256 [0-9]+ MB/s of JSON; memory copy [0-9]+ MB/s");
        // the JSON it times is the dump's: the same bytes as the account's dump
        long dumped = app.engine()
                .dump(
                        app.accounts().list().stream()
                                .filter(a -> a.name().equals("Bench GmbH (all tables)"))
                                .findFirst()
                                .orElseThrow()
                                .id(),
                        RunTrigger.BENCH,
                        DumpEvents.NONE)
                .bytes();
        assertThat(out).contains(String.format("%,d bytes of JSON", dumped));
    }

    @Test
    void allTablesTimesTheWholeAccountAgainstCopyRowToJsonAndPgDump() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new AccountBenchmark(app, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(1000, 2, "abcdesk");
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .contains(
                        "a COPY text",
                        "b COPY row_to_json",
                        "c datadump",
                        "d datadump+gzip",
                        "s datadump, 1 connection")
                .containsPattern("whole account, 26 tables, 1[0-9],[0-9]{3} rows, 2 repetitions")
                .containsPattern("c/a = [0-9.]+ \\(target <= 1.2\\) +c/b = [0-9.]+ \\(target <= 0.45\\) +d/c = [0-9.]+")
                // the cold CLI dump in a child JVM beside the warm one, each with where its time went
                .containsPattern("c datadump in this JVM, each repetition: \\[[0-9.]+, [0-9.]+\\] s; warm")
                .containsPattern("phases of its last dump: prepare \\(run, snapshot, plans\\) [0-9,]+ ms · read and"
                        + " transcode [0-9,]+ ms")
                .containsPattern("cold, a fresh JVM each time .*: the dump inside \\[[0-9.]+, [0-9.]+\\] s, median"
                        + " [0-9.]+ s; the whole process median [0-9.]+ s; JVM start to first table median [0-9]+ ms")
                .containsPattern("cold inside / warm = [0-9.]+ \\(target <= 1.2\\), whole process / warm = [0-9.]+");
        if (hasPgDump() && "select-only".equals(System.getenv("DATADUMP_TEST_SOURCE_ROLE"))) {
            // the SELECT-only role reads tables, not their sequences: pg_dump could not run, and the benchmark says so
            assertThat(out)
                    .contains("variant e skipped: pg_dump reads the tables' sequences")
                    .doesNotContain("c/e =");
        } else if (hasPgDump()) {
            assertThat(out).containsPattern("\\ne pg_dump -Fd -j \\d+ +[0-9.]+").containsPattern("c/e = [0-9.]+");
        } else {
            assertThat(out).contains("variant e skipped: no pg_dump on the PATH");
        }
    }

    private static boolean hasPgDump() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "pg_dump")));
    }

    @Test
    void measuresPeakMemoryOfChildDumpsForNAndFiveN() throws Exception {
        String out = run(bench -> bench.memory(300, "128m")); // the account the timing test fills, or a new one
        assertThat(out)
                .contains("300 contacts ", "1,500 contacts ", "1,500 contacts gzip")
                .containsPattern("plain: N \\d+ MB, 5N \\d+ MB \\(5N/N = [0-9.]+\\)");
    }

    @Test
    @Order(1) // before the whole-account test dumps the same account: day 1 is its first dump
    void storageKeepsADumpADayAndCountsSharedFilesOnce() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new StorageBenchmark(app, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(1000, 3);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .containsPattern("day 1: dump \\d+, [0-9,]+ bytes in [0-9,]+ ms, 0 of 26 tables unchanged")
                .containsPattern("day 3: dump \\d+, [0-9,]+ bytes in [0-9,]+ ms, 19 of 26 tables unchanged")
                .containsPattern("3 dumps kept; their files list [0-9,]+ bytes, storage holds [0-9,]+ \\(each file"
                        + " counted once\\): [0-9.]+ times one dump");
        // bytes, not time: the large changed tables (e-mails, notes, contacts) are deltas, so three days cost far
        // less than three whole dumps
        java.util.regex.Matcher times =
                java.util.regex.Pattern.compile("([0-9.]+) times one dump").matcher(out);
        assertThat(times.find()).isTrue();
        assertThat(Double.parseDouble(times.group(1))).isLessThan(1.5);
    }

    @Test
    void tenantsDumpsANightlyBatchTwiceAndPrintsTenantsPerHour() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TenantsBenchmark(app, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(5);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out)
                .containsPattern("generated [0-9,]+ rows for new tenants")
                .containsPattern(
                        "first night \\(no previous dump\\) +[0-9.]+ s for 5 tenants \\(1,[0-9]{3} rows\\): +[0-9.]+ ms a"
                                + " tenant, [0-9,]+ tenants/hour")
                .containsPattern("next night \\(nothing changed\\) +[0-9.]+ s for 5 tenants");
        assertThat(app.accounts().list().stream().filter(a -> a.name().startsWith("Bench tenant ")))
                .hasSize(5)
                .allSatisfy(a -> assertThat(app.runs().published(a.id())).hasSize(2));
    }
}
