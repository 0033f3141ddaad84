package io.datadump.bench;

import io.datadump.App;
import io.datadump.accounts.Account;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpResult;
import io.datadump.dump.RunTrigger;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code bench --tenants N}: the nightly batch of a node for N small tenants (about 230 rows each): every tenant's
 * dump through the node's own engine (lock, snapshot, 26 files, manifest, publish, retention, webhooks and caches
 * told), on as many threads as the scheduler runs. Timed twice: the first night (no previous dump) and a second
 * night on which nothing changed, which is what most nights of most tenants are.
 */
public final class TenantsBenchmark {
    private static final String PREFIX = "Bench tenant ";

    private final App app;
    private final PrintStream out;

    public TenantsBenchmark(App app, PrintStream out) {
        this.app = app;
        this.out = out;
    }

    public void run(int tenants) throws Exception {
        List<Long> ids = prepare(tenants);
        int threads = app.config().scheduler().threads();
        out.printf(
                "%n%,d tenants, %d dump threads (DATADUMP_SCHEDULER_THREADS), dump parallelism %d, %d cores%n",
                tenants,
                threads,
                app.config().dump().parallelism(),
                Runtime.getRuntime().availableProcessors());
        boolean fresh = app.runs().current(ids.get(0)).isEmpty();
        night(fresh ? "first night (no previous dump)" : "a night after earlier runs", ids, threads);
        night("next night (nothing changed)", ids, threads);
    }

    private void night(String label, List<Long> ids, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[] millis = new long[ids.size()];
        long rows = 0;
        long t0 = System.nanoTime();
        try {
            List<Future<DumpResult>> results = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                long id = ids.get(i);
                int slot = i;
                results.add(pool.submit(() -> {
                    long s = System.nanoTime();
                    DumpResult r = app.engine().dump(id, RunTrigger.BENCH, DumpEvents.NONE);
                    millis[slot] = (System.nanoTime() - s) / 1_000_000;
                    return r;
                }));
            }
            for (Future<DumpResult> f : results) rows += f.get().rows();
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        out.printf(
                "%-32s %7.2f s for %,d tenants (%,d rows): %5.1f ms a tenant, %,.0f tenants/hour;"
                        + " one dump p50 %d ms, p99 %d ms, max %d ms%n",
                label,
                seconds,
                ids.size(),
                rows,
                seconds * 1000 / ids.size(),
                ids.size() / seconds * 3600,
                sorted[sorted.length / 2],
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)],
                sorted[sorted.length - 1]);
    }

    /**
     * After generating, writes the server's dirty pages out (CHECKPOINT) and updates the planner's statistics, so the
     * first night is timed on the dumps rather than on the server's aftermath of the bulk load. Needs a superuser (the
     * embedded server's); elsewhere the first night includes that work.
     */
    private void settle() {
        try (Connection c = app.database().builtInCrm().getConnection();
                var st = c.createStatement()) {
            st.execute("ANALYZE");
            st.execute("CHECKPOINT");
        } catch (SQLException e) {
            out.println("(no CHECKPOINT: " + e.getMessage() + ")");
        }
    }

    /** N enabled tenants with the tiny plan's rows, made once (later runs reuse them). */
    private List<Long> prepare(int tenants) {
        Map<String, Account> existing = app.accounts().list().stream()
                .filter(a -> a.name().startsWith(PREFIX))
                .collect(Collectors.toMap(Account::name, Function.identity()));
        List<Long> ids = new ArrayList<>();
        long made = 0, t0 = System.nanoTime();
        for (int i = 1; i <= tenants; i++) {
            String name = String.format("%s%05d", PREFIX, i);
            Account account = existing.get(name);
            if (account == null) {
                account = app.accounts().create(name, true);
                made += app.generator()
                        .generate(account.id(), GenerationPlan.tiny(), i, DemoDataGenerator.Progress.NONE)
                        .rows();
            }
            ids.add(account.id());
        }
        if (made > 0) {
            out.printf("generated %,d rows for new tenants in %.1f s%n", made, (System.nanoTime() - t0) / 1e9);
            settle();
        }
        return ids;
    }
}
