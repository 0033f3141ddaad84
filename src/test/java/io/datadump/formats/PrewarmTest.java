package io.datadump.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.dump.DumpEvents;
import io.datadump.dump.DumpFiles;
import io.datadump.dump.DumpRun;
import io.datadump.dump.RunTrigger;
import io.datadump.dump.TableFile;
import io.datadump.support.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrewarmTest {
    @Test
    void conversionsRequestedOfThePreviousDumpAreReadyWhenTheNextIsPublished() {
        try (App app = TestDatabases.freshApp()) {
            long account = app.accounts().create("Prewarm GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 4, DemoDataGenerator.Progress.NONE);
            DumpRun first =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            Representations reps = representations(app);
            TableFile contacts =
                    first.manifest().orElseThrow().table("contacts").orElseThrow();
            reps.of(first, contacts, reps.keysOf(contacts), Format.CSV, List.of("id", "email"));
            reps.of(first, contacts, reps.keysOf(contacts), Format.NDJSON, reps.keysOf(contacts));

            DumpRun second =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            List<String> made = made(app, second);
            assertThat(made).hasSize(2);
            assertThat(made.get(0)).isEqualTo("csv:id,email");
            assertThat(made.get(1)).startsWith("ndjson:");
        }
    }

    @Test
    void onlyWhatWasAskedForIsMadeAgainSoWhatNobodyFetchesStopsBeingMade() {
        try (App app = TestDatabases.freshApp()) {
            long account = app.accounts().create("Nur Gefragtes GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 5, DemoDataGenerator.Progress.NONE);
            Representations reps = representations(app);
            DumpRun first =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            assertThat(reps.precompute(first, List.of(Format.NDJSON)))
                    .as("made ahead, asked for by nobody")
                    .isPositive();
            TableFile contacts =
                    first.manifest().orElseThrow().table("contacts").orElseThrow();
            reps.of(first, contacts, reps.keysOf(contacts), Format.CSV, List.of("id", "email"));
            reps.of(first, contacts, reps.keysOf(contacts), Format.CSV_EXCEL, List.of("id"));

            DumpRun second =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            assertThat(made(app, second))
                    .as("what was asked for of the first dump, not what was only made ahead")
                    .containsExactly("csv-excel:id", "csv:id,email");
            TableFile contactsNow =
                    second.manifest().orElseThrow().table("contacts").orElseThrow();
            reps.of(second, contactsNow, reps.keysOf(contactsNow), Format.CSV, List.of("id", "email"));

            DumpRun third =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            assertThat(made(app, third))
                    .as("the file asked for again is made again; the one made ahead for it and not fetched is not")
                    .containsExactly("csv:id,email");
            DumpRun fourth =
                    app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).run();
            assertThat(made(app, fourth)).isEmpty();
        }
    }

    private static Representations representations(App app) {
        return new Representations(
                app.jdbc(),
                app.source(),
                app.catalog(),
                app.customFields(),
                app.storage(),
                new DumpFiles(app.storage()));
    }

    private static List<String> made(App app, DumpRun run) {
        return app.jdbc()
                .query(
                        "SELECT format || ':' || array_to_string(columns, ',', '') FROM dump_representations"
                                + " WHERE run_id = ? ORDER BY 1",
                        rs -> rs.getString(1),
                        run.id());
    }
}
