package io.datadump.cli;

import io.datadump.App;
import io.datadump.schema.TableDefinition;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "tables",
        mixinStandardHelpOptions = true,
        description = "List the dumped tables and their keys, in file order.")
final class TablesCommand implements Runnable {
    @ParentCommand
    Cli cli;

    @Option(names = "--keys", description = "Also print each table's built-in keys.")
    boolean keys;

    public void run() {
        try (App app = cli.openApp()) {
            for (TableDefinition t : app.catalog().all()) {
                cli.out.printf("%-22s %s%s%n", t.name(), t.label(), t.customFields() ? " (+ custom fields)" : "");
                if (keys) {
                    List<String> fields =
                            app.source().withHandle(h -> app.catalog().builtInFields(h.connection(), t.name()));
                    cli.out.println("    " + String.join(", ", fields));
                }
            }
        }
    }
}
