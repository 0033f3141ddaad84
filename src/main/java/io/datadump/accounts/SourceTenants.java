package io.datadump.accounts;

import io.datadump.db.Jdbc;
import io.datadump.schema.TableCatalog;
import io.datadump.schema.Tenant;
import java.util.Optional;

/** The tenants as the catalog's tenant query lists them in the source; new ones only in the built-in CRM. */
public final class SourceTenants implements Accounts.Tenants {
    private final TableCatalog catalog;
    private final Jdbc source;
    private final Jdbc builtInCrm; // null when the source is an operator's database

    public SourceTenants(TableCatalog catalog, Jdbc source, Jdbc builtInCrm) {
        this.catalog = catalog;
        this.source = source;
        this.builtInCrm = builtInCrm;
    }

    @Override
    public Optional<Tenant> find(long id) {
        return source.withHandle(h -> catalog.tenant(h, id));
    }

    @Override
    public long create(String name) {
        if (builtInCrm == null) {
            throw new IllegalStateException("the source is an operator's database, whose tenants are made there;"
                    + " enable one of them with 'datadump accounts enable --account <tenant id>'");
        }
        return builtInCrm.insert("INSERT INTO accounts (name) VALUES (?) RETURNING id", name);
    }
}
