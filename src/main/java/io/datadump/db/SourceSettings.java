package io.datadump.db;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the dumped data comes from. With no {@code url}, the source is the built-in demo CRM in schema {@code crm} of
 * datadump's own database (which datadump may then fill with demo data); with one, it is an operator's database, read
 * only. {@code user}/{@code password} name the role that reads it (for the built-in CRM too, e.g. a SELECT-only role;
 * without them the service database's role). {@code catalog} is a directory of table definitions, or empty for the
 * built-in Propstack catalog.
 */
public record SourceSettings(
        Optional<String> url, Optional<String> user, Optional<String> password, Optional<Path> catalog) {
    /** True when the source is an operator's database rather than the built-in demo CRM. */
    public boolean external() {
        return url.isPresent();
    }

    @Override
    public String toString() { // never the password
        return "SourceSettings[url=" + url.map(u -> u.replaceAll("\\?.*", "")).orElse("built-in CRM") + ", catalog="
                + catalog.map(Path::toString).orElse("built-in") + "]";
    }
}
