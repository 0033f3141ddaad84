package io.datadump.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which PostgreSQL holds datadump's data: the server at {@code url} (a validated {@code jdbc:postgresql://} URL), or
 * with none an embedded one whose data lives under {@code embeddedHome}/postgres and that listens on
 * {@code embeddedPort} (0: any free port); how long to wait for a connection,
 * and for any one read from the server.
 */
public record DatabaseSettings(
        Optional<String> url,
        Optional<String> user,
        Optional<String> password,
        Path embeddedHome,
        int embeddedPort,
        Duration connectTimeout,
        Duration socketTimeout) {
    @Override
    public String toString() { // never the password
        return "DatabaseSettings[url=" + url.map(u -> u.replaceAll("\\?.*", "")).orElse("embedded") + "]";
    }
}
