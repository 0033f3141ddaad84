package io.datadump.cli;

import io.datadump.App;
import io.datadump.schema.CustomFieldDefinition;
import io.datadump.schema.CustomFieldType;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "custom-fields",
        mixinStandardHelpOptions = true,
        description = "Define and list an account's custom fields.",
        subcommands = {CustomFieldsCommand.Add.class, CustomFieldsCommand.ListFields.class})
final class CustomFieldsCommand {
    @ParentCommand
    Cli cli;

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Define a custom field; it appears as a key of the entity's dump rows.")
    static final class Add implements Runnable {
        @ParentCommand
        CustomFieldsCommand parent;

        @Option(names = "--account", required = true)
        long account;

        @Option(names = "--entity", required = true, description = "contacts, properties, deals, projects or brokers.")
        String entity;

        @Option(
                names = "--name",
                required = true,
                description = "Key in the dump: lower-case letters, digits, underscores.")
        String name;

        @Option(
                names = "--type",
                required = true,
                description = "string, number, boolean, date, select or multiselect.")
        String type;

        @Option(names = "--label", description = "Human-readable label.")
        String label;

        @Option(names = "--option", description = "An option of a select/multiselect field (repeatable).")
        List<String> options = new ArrayList<>();

        public void run() {
            try (App app = parent.cli.openApp()) {
                CustomFieldDefinition d =
                        app.customFields().define(account, entity, name, label, CustomFieldType.parse(type), options);
                parent.cli.out.println(d.entity() + "." + d.name());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List an account's custom fields.")
    static final class ListFields implements Runnable {
        @ParentCommand
        CustomFieldsCommand parent;

        @Option(names = "--account", required = true)
        long account;

        public void run() {
            try (App app = parent.cli.openApp()) {
                app.accounts().get(account);
                for (CustomFieldDefinition d : app.customFields().list(account, null)) {
                    parent.cli.out.printf(
                            "%-12s %-24s %-12s %s%n",
                            d.entity(),
                            d.name(),
                            d.type().key(),
                            d.options().isEmpty() ? "" : String.join("|", d.options()));
                }
            }
        }
    }
}
