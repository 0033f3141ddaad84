package io.datadump.lifecycle;

import io.datadump.support.S3ProxyServer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.ActionChainArbitrary;
import net.jqwik.api.state.Transformer;

/**
 * A model-based test of an account's life over many days: rows added, changed and deleted (only deletes, whole tables
 * emptied and filled again, long texts, custom fields), dumps by the operator, by the schedule and on demand (run at
 * once or after later dumps), several on one day, days passing, the API node restarting, links handed out and followed
 * later, the changes feed from every retained dump, {@code pull --history} with {@code verify}, {@code sync} into a
 * database of the tenant's (its copy read back against the model), and delivery into the tenant's SFTP server (the
 * delivered files read back against the model). After every action
 * {@link AccountLife#checkInvariants} compares the system with the model; jqwik shrinks a failing sequence.
 *
 * <p>CI runs each storage variant with a fixed seed. {@code soak} runs longer with a random seed (printed by jqwik):
 * {@code mvn test -Dtest=LifecycleModelTest -Dtest.excludedGroups= -Dgroups=soak -Ddatadump.soak.actions=2000}, and
 * {@code -Ddatadump.soak.variant=FILE_DELTAS} (or FILE_PLAIN, FILE_GZIP, S3) for one variant.
 */
class LifecycleModelTest {
    private static final int ACTIONS = 200;
    private static S3ProxyServer s3;
    /** The lives made for the chain now running, closed after it whether it passed or not. */
    private static final List<AccountLife> LIVES = new ArrayList<>();

    @Property(tries = 1, seed = "20261205", shrinking = ShrinkingMode.BOUNDED)
    void fileStorageWithDeltas(@ForAll("fileDeltas") ActionChain<AccountLife> chain) {
        run(chain);
    }

    @Property(tries = 1, seed = "20261206", shrinking = ShrinkingMode.BOUNDED)
    void fileStorageWithoutDeltas(@ForAll("filePlain") ActionChain<AccountLife> chain) {
        run(chain);
    }

    @Property(tries = 1, seed = "20261207", shrinking = ShrinkingMode.BOUNDED)
    void gzipFiles(@ForAll("fileGzip") ActionChain<AccountLife> chain) {
        run(chain);
    }

    @Property(tries = 1, seed = "20261208", shrinking = ShrinkingMode.BOUNDED)
    void s3Storage(@ForAll("s3") ActionChain<AccountLife> chain) {
        run(chain);
    }

    /** Longer, on a random seed and a random variant: for a developer to leave running. */
    @Tag("soak")
    @Property(tries = 1, shrinking = ShrinkingMode.BOUNDED)
    void soak(@ForAll("soakChains") ActionChain<AccountLife> chain) {
        run(chain);
    }

    private static void run(ActionChain<AccountLife> chain) {
        chain.withInvariant("the system agrees with the model", AccountLife::checkInvariants);
        try {
            chain.run().checkEverything();
        } finally {
            // also the life of a chain that failed midway, which chain.run() does not hand back
            synchronized (LIVES) {
                LIVES.forEach(AccountLife::close);
                LIVES.clear();
            }
        }
    }

    private static AccountLife newLife(AccountLife.Variant variant) {
        AccountLife life = new AccountLife(variant, variant == AccountLife.Variant.S3 ? s3Server() : null);
        synchronized (LIVES) {
            LIVES.add(life);
        }
        return life;
    }

    @Provide
    Arbitrary<ActionChain<AccountLife>> fileDeltas() {
        return chains(AccountLife.Variant.FILE_DELTAS, ACTIONS);
    }

    @Provide
    Arbitrary<ActionChain<AccountLife>> filePlain() {
        return chains(AccountLife.Variant.FILE_PLAIN, ACTIONS);
    }

    @Provide
    Arbitrary<ActionChain<AccountLife>> fileGzip() {
        return chains(AccountLife.Variant.FILE_GZIP, ACTIONS);
    }

    @Provide
    Arbitrary<ActionChain<AccountLife>> s3() {
        return chains(AccountLife.Variant.S3, ACTIONS);
    }

    @Provide
    Arbitrary<ActionChain<AccountLife>> soakChains() {
        int actions = Integer.getInteger("datadump.soak.actions", 2000);
        String variant = System.getProperty("datadump.soak.variant", "");
        if (!variant.isEmpty()) return chains(AccountLife.Variant.valueOf(variant), actions);
        return Arbitraries.of(AccountLife.Variant.values()).flatMap(v -> chains(v, actions));
    }

    @AfterContainer
    static void stopS3() {
        if (s3 != null) s3.close();
        s3 = null;
    }

    private static synchronized S3ProxyServer s3Server() {
        if (s3 == null) {
            try {
                s3 = S3ProxyServer.start("datadump");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return s3;
    }

    private static ActionChainArbitrary<AccountLife> chains(AccountLife.Variant variant, int actions) {
        return ActionChain.<AccountLife>startWith(() -> newLife(variant))
                .withAction(8, changeRows())
                .withAction(1, customField())
                .withAction(4, Action.just("dump", life -> {
                    life.dumpNow();
                    return life;
                }))
                .withAction(2, Action.just("request a dump", life -> {
                    life.requestDump();
                    return life;
                }))
                .withAction(2, Action.just("worker runs the queue", life -> {
                    life.runScheduler(false);
                    return life;
                }))
                .withAction(1, Action.just("scheduled dump", life -> {
                    life.runScheduler(true);
                    return life;
                }))
                .withAction(2, days())
                .withAction(1, Action.just("restart the API", life -> {
                    life.restartApi();
                    return life;
                }))
                .withAction(4, link())
                .withAction(3, followLink())
                .withAction(2, changes())
                .withAction(1, Action.just("pull and verify", life -> {
                    life.pullAndVerify();
                    return life;
                }))
                .withAction(1, Action.just("sync", life -> {
                    life.sync();
                    return life;
                }))
                .withAction(1, Action.just("deliver", life -> {
                    life.deliver();
                    return life;
                }))
                .withMaxTransformations(actions);
    }

    private static Action.Independent<AccountLife> changeRows() {
        return new Action.Independent<>() {
            @Override
            public Arbitrary<Transformer<AccountLife>> transformer() {
                Arbitrary<SourceChanges.Kind> kinds = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(SourceChanges.Kind.INSERT)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(SourceChanges.Kind.UPDATE)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.just(SourceChanges.Kind.DELETE)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(SourceChanges.Kind.DELETE_ALL)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(SourceChanges.Kind.LONG_TEXT)));
                return Combinators.combine(
                                kinds,
                                Arbitraries.of(SourceChanges.LEAF_TABLES),
                                Arbitraries.of(SourceChanges.CHANGED_TABLES),
                                Arbitraries.integers().between(1, 20),
                                Arbitraries.longs())
                        .as((kind, leaf, changed, rows, seed) -> {
                            boolean inPlace = kind == SourceChanges.Kind.UPDATE || kind == SourceChanges.Kind.LONG_TEXT;
                            String table = inPlace ? changed : leaf;
                            return Transformer.mutate(
                                    kind + " " + rows + " " + table, life -> life.changeRows(kind, table, rows, seed));
                        });
            }
        };
    }

    private static Action.Independent<AccountLife> customField() {
        return new Action.Independent<>() {
            @Override
            public Arbitrary<Transformer<AccountLife>> transformer() {
                return Combinators.combine(
                                Arbitraries.of(true, false),
                                Arbitraries.of("contacts", "properties"),
                                Arbitraries.of("kennung", "provision_intern"),
                                Arbitraries.longs())
                        .as((add, entity, name, seed) -> Transformer.mutate(
                                (add ? "add" : "remove") + " custom field " + entity + "." + name, life -> {
                                    if (add) life.addCustomField(entity, name, seed);
                                    else life.removeCustomField(entity, name);
                                }));
            }
        };
    }

    private static Action.Independent<AccountLife> days() {
        return new Action.Independent<>() {
            @Override
            public Arbitrary<Transformer<AccountLife>> transformer() {
                return Arbitraries.frequencyOf(
                                net.jqwik.api.Tuple.of(6, Arbitraries.just(1)),
                                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(2, 9)),
                                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(25, 40)))
                        .map(days -> Transformer.mutate(days + " day(s) pass", life -> life.dayPasses(days)));
            }
        };
    }

    private static Action.Independent<AccountLife> link() {
        return new Action.Independent<>() {
            @Override
            public Arbitrary<Transformer<AccountLife>> transformer() {
                return Combinators.combine(
                                Arbitraries.of(TABLES),
                                Arbitraries.integers().between(0, 3),
                                Arbitraries.integers().between(0, 40))
                        .as((table, format, dump) -> Transformer.mutate(
                                "link to " + table + " format " + format + " dump " + dump,
                                life -> life.issueLink(table, format, dump)));
            }
        };
    }

    private static Action.Independent<AccountLife> followLink() {
        return () -> Arbitraries.integers()
                .between(0, 1000)
                .map(i -> Transformer.mutate("follow link " + i, life -> life.followLink(i)));
    }

    private static Action.Independent<AccountLife> changes() {
        return () -> Combinators.combine(
                        Arbitraries.of("contacts", "notes", "todos", "appointments", "properties"),
                        Arbitraries.integers().between(0, 40))
                .as((table, since) -> Transformer.mutate(
                        "changes of " + table + " since " + since, life -> life.changesSince(table, since)));
    }

    private static final List<String> TABLES = List.of(
            "appointments",
            "brokers",
            "cancelations",
            "contacts",
            "deals",
            "documents",
            "images",
            "notes",
            "properties",
            "relationships",
            "saved_queries",
            "todos");
}
