package io.datadump.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP API: its port; the public base URL that file links start with (when absent, the request's own scheme and
 * host); the secret file links are signed with (when absent, one generated under DATADUMP_HOME); how long a link is
 * valid; and how often an account may start an on-demand dump.
 */
public record ApiSettings(
        int port,
        Optional<String> publicUrl,
        Optional<String> signingSecret,
        Duration urlTtl,
        Duration onDemandMinInterval) {
    @Override
    public String toString() { // never the secret
        return "ApiSettings[port=" + port + ", publicUrl=" + publicUrl + ", urlTtl=" + urlTtl + "]";
    }
}
