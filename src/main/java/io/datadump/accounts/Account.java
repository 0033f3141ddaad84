package io.datadump.accounts;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/** A tenant: one brokerage. It holds the datadump entitlement and its own dump schedule. */
public record Account(long id, String name, boolean datadumpEnabled, ZoneId timeZone, Optional<LocalTime> dumpTime) {}
