package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.App;
import io.datadump.config.Config;
import io.datadump.demo.DemoDataGenerator;
import io.datadump.demo.GenerationPlan;
import io.datadump.schema.CustomFieldType;
import io.datadump.support.TestDatabases;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built-in catalog read through a role that may only SELECT from schema crm dumps exactly what the default set-up
 * (the service database's own role) dumps: every table's file byte for byte.
 */
class SelectOnlySourceTest {
    @Test
    void aSelectOnlyRoleDumpsTheSameBytesAsTheDefaultSetUp() throws Exception {
        String url = TestDatabases.createDatabase();
        Map<String, String> owner = TestDatabases.ownerEnv(Files.createTempDirectory("owner"), url);
        Map<String, Long> asOwner;
        long account;
        try (App app = App.open(Config.fromMap(owner))) {
            account = app.accounts().create("Rollen GmbH", true).id();
            app.generator().generate(account, GenerationPlan.forScale(1), 21, DemoDataGenerator.Progress.NONE);
            app.customFields().define(account, "contacts", "zweitwohnsitz", null, CustomFieldType.BOOLEAN, List.of());
            asOwner = sizes(app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE));
        }
        Map<String, String> reader = new HashMap<>(owner);
        reader.put("DATADUMP_HOME", Files.createTempDirectory("reader").toString());
        reader.put("DATADUMP_SOURCE_USER", "crm_select_only");
        reader.put("DATADUMP_SOURCE_PASSWORD", TestDatabases.selectOnlyRole(url, "crm_select_only", "crm"));
        try (App app = App.open(Config.fromMap(reader))) {
            DumpResult again = app.engine().dump(account, RunTrigger.CLI, DumpEvents.NONE);
            assertThat(again.manifest().tables()).hasSize(26);
            assertThat(hashes(again))
                    .isEqualTo(hashes(app.runs().published(account).get(1)));
            assertThat(sizes(again)).isEqualTo(asOwner);
        }
    }

    private static Map<String, Long> sizes(DumpResult r) {
        return r.manifest().tables().stream().collect(Collectors.toMap(TableFile::name, TableFile::jsonBytes));
    }

    private static Map<String, String> hashes(DumpResult r) {
        return hashes(r.run());
    }

    private static Map<String, String> hashes(DumpRun run) {
        return run.manifest().orElseThrow().tables().stream()
                .collect(Collectors.toMap(TableFile::name, TableFile::jsonSha256));
    }
}
