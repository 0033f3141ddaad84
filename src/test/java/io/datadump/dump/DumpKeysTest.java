package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.datadump.App;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.storage.FileStorage;
import io.datadump.support.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every table's keys, in order, exactly as the fixture lists them (Propstack's names), followed by custom fields. */
class DumpKeysTest {
    static App app;
    static Manifest manifest;

    record Expected(String table, List<String> keys) {}

    static List<Expected> fixture() throws IOException {
        try (InputStream in = DumpKeysTest.class.getResourceAsStream("/propstack-keys.txt")) {
            List<Expected> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                int colon = line.indexOf(':');
                out.add(new Expected(
                        line.substring(0, colon).strip(),
                        Arrays.stream(line.substring(colon + 1).split(","))
                                .map(String::strip)
                                .toList()));
            }
            return out;
        }
    }

    static Stream<Arguments> tables() throws IOException {
        return fixture().stream().map(e -> Arguments.of(e.table(), e.keys()));
    }

    @BeforeAll
    static void dump() {
        app = TestDatabases.freshApp();
        long account = app.accounts().create("Keys GmbH", true).id();
        app.generator().generate(account, GenerationPlan.forScale(1), 5, DemoDataGenerator.Progress.NONE);
        manifest = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE).manifest();
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void theFixtureNamesEveryTableOnce() throws IOException {
        assertThat(fixture().stream().map(Expected::table))
                .containsExactlyInAnyOrderElementsOf(app.catalog().names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void aRowHasExactlyTheFixturesKeysInOrder(String table, List<String> expected) throws IOException {
        TableFile file = manifest.table(table).orElseThrow();
        assertThat(file.rows()).as("the demo data fills " + table).isPositive();
        JsonNode first;
        Path path = ((FileStorage) app.storage()).root().resolve(prefix()).resolve(file.file());
        try (InputStream in = Files.newInputStream(path)) {
            first = new ObjectMapper().readTree(in).get(0);
        }
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = first.fieldNames(); it.hasNext(); ) keys.add(it.next());
        List<String> expectedWithCustomFields = new ArrayList<>(expected);
        expectedWithCustomFields.addAll(file.customFields());
        assertThat(keys).containsExactlyElementsOf(expectedWithCustomFields);
    }

    static String prefix() {
        return app.runs().find(manifest.dumpId()).orElseThrow().storagePrefix();
    }
}
