package io.datadump.schema;

import java.time.ZoneId;
import java.util.Optional;

/** A tenant of the source database, as the catalog's tenant query lists it. */
public record Tenant(long id, String name, Optional<ZoneId> timeZone) {}
