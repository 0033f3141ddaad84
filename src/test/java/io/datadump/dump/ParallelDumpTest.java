package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dump read on several connections is still one snapshot of the source, and the same bytes as a dump read on one.
 */
class ParallelDumpTest {
    static App app;
    static long account;

    @BeforeAll
    static void setUp() {
        app = TestDatabases.freshApp();
        account = app.accounts().create("Parallel Immobilien", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 11, DemoDataGenerator.Progress.NONE);
    }

    @AfterAll
    static void tearDown() {
        app.close();
    }

    static DumpEngine engine(int parallelism) {
        return app.newEngine(app.catalog(), app.storage(), app.config().dump().withParallelism(parallelism));
    }

    static Path file(DumpResult r, TableFile f) {
        return ((FileStorage) app.storage()).root().resolve(r.run().storagePrefix() + f.file());
    }

    @Test
    void dumpsAreByteIdenticalOnOneConnectionAndOnMany() throws Exception {
        DumpResult one = engine(1).dump(account, RunTrigger.CLI, DumpEvents.NONE);
        DumpResult four = engine(4).dump(account, RunTrigger.CLI, DumpEvents.NONE);
        assertThat(one.readers()).isEqualTo(1);
        // the connections the dump was on: a reader whose connection came after the last table was taken is not one
        assertThat(four.readers()).isBetween(2, 4);
        assertThat(four.manifest().tables())
                .extracting(TableFile::name)
                .containsExactlyElementsOf(one.manifest().tables().stream()
                        .map(TableFile::name)
                        .toList()); // catalog order, whichever reader finished first
        assertThat(one.rows()).isGreaterThan(10_000);
        for (TableFile f : one.manifest().tables()) {
            TableFile g = four.manifest().table(f.name()).orElseThrow();
            assertThat(g.sha256()).as(f.name()).isEqualTo(f.sha256());
            assertThat(g.rows()).as(f.name()).isEqualTo(f.rows());
            assertThat(Files.mismatch(file(one, f), file(four, g))).as(f.name()).isEqualTo(-1L);
        }
    }

    /**
     * The first table is read on the dump's own connection; the other readers wait until a writer has changed every
     * table and committed, and only then start theirs. Had they not imported the dump's snapshot, their own would be
     * taken after the commit and their files would show the change.
     */
    @Test
    void aWriterCommittingBetweenTwoTablesReadsIsSeenByNoFile() throws Exception {
        DumpResult before = engine(1).dump(account, RunTrigger.CLI, DumpEvents.NONE);
        List<String> changed = tablesWithUpdatedAt();
        assertThat(changed).contains("contacts", "notes", "messages", "properties");
        Thread dumpThread = Thread.currentThread();
        CountDownLatch written = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        Set<String> readElsewhere = ConcurrentHashMap.newKeySet();
        DumpResult during = engine(2).dump(account, RunTrigger.CLI, new DumpEvents() {
            @Override
            public void tableStarted(long accountId, String table) {
                try {
                    if (Thread.currentThread() != dumpThread) {
                        readElsewhere.add(table);
                        assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
                    } else if (first.getAndSet(false)) {
                        touchEveryRow(changed);
                        written.countDown();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertThat(during.readers()).isEqualTo(2);
        assertThat(readElsewhere).isNotEmpty(); // the other reader did read tables, after the commit
        for (TableFile f : before.manifest().tables()) {
            assertThat(during.manifest().table(f.name()).orElseThrow().sha256())
                    .as(f.name())
                    .isEqualTo(f.sha256());
        }
        // and the writer's change is there for the next dump to see
        DumpResult after = engine(2).dump(account, RunTrigger.CLI, DumpEvents.NONE);
        int seen = 0;
        for (String table : readElsewhere) {
            TableFile then = before.manifest().table(table).orElseThrow();
            if (!changed.contains(table) || then.rows() == 0 || !then.keys().contains("updated_at")) continue;
            seen++;
            assertThat(after.manifest().table(table).orElseThrow().sha256())
                    .as(table)
                    .isNotEqualTo(then.sha256());
        }
        assertThat(seen).isPositive();
    }

    /** The built-in CRM's tables of the catalog that have an updated_at column. */
    private static List<String> tablesWithUpdatedAt() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = app.database().builtInCrm().getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT table_name FROM information_schema.columns WHERE table_schema = 'crm'"
                        + " AND column_name = 'updated_at' AND table_name IN (SELECT table_name FROM"
                        + " information_schema.columns WHERE table_schema = 'crm' AND column_name = 'account_id')")) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (app.catalog().all().stream().anyMatch(t -> t.name().equals(table))) tables.add(table);
            }
        }
        return tables;
    }

    /** Moves updated_at of every row of the account by a second in all those tables, in one committed transaction. */
    private static void touchEveryRow(List<String> tables) throws Exception {
        try (Connection c = app.database().builtInCrm().getConnection()) {
            c.setAutoCommit(false);
            try (var st = c.createStatement()) {
                for (String t : tables) {
                    st.execute("UPDATE crm." + t
                            + " SET updated_at = updated_at + interval '1 second' WHERE account_id = " + account);
                }
            }
            c.commit();
        }
    }
}
