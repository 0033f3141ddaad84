package io.datadump.cli;

import io.datadump.App;
import io.datadump.accounts.Account;
import io.datadump.schema.CatalogCheck;
import io.datadump.schema.Tenant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "catalog",
        mixinStandardHelpOptions = true,
        description = "Check the table catalog (DATADUMP_CATALOG, or the built-in one) against the source.",
        subcommands = {CatalogCommand.Check.class, CatalogCommand.Tenants.class})
final class CatalogCommand {
    @ParentCommand
    Cli cli;

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Describe every query of the catalog against the source without running it, and check the"
                    + " custom fields of the enabled accounts; exits non-zero naming each problem's file.")
    static final class Check implements Runnable {
        @ParentCommand
        CatalogCommand parent;

        public void run() {
            try (App app = parent.cli.openApp()) {
                CatalogCheck.Report r = app.checkCatalog();
                r.warnings().forEach(w -> parent.cli.err.println("warning: " + w));
                parent.cli.out.println(r.location() + ": " + r.tables() + " tables, " + r.tenants()
                        + " tenants in the source, custom fields of " + r.accountsChecked()
                        + " enabled accounts checked: ok");
            }
        }
    }

    @Command(
            name = "tenants",
            mixinStandardHelpOptions = true,
            description = "List the source's tenants (the catalog's tenants.sql) and whether each has the entitlement.")
    static final class Tenants implements Runnable {
        @ParentCommand
        CatalogCommand parent;

        public void run() {
            try (App app = parent.cli.openApp()) {
                Map<Long, Account> accounts =
                        app.accounts().list().stream().collect(Collectors.toMap(Account::id, Function.identity()));
                for (Tenant t : app.source().withHandle(h -> app.catalog().tenants(h))) {
                    Account a = accounts.get(t.id());
                    parent.cli.out.printf(
                            "%-8d %-40s %-16s %s%n",
                            t.id(),
                            t.name(),
                            t.timeZone().map(Object::toString).orElse("-"),
                            a == null ? "not registered" : a.datadumpEnabled() ? "datadump enabled" : "disabled");
                }
            }
        }
    }
}
