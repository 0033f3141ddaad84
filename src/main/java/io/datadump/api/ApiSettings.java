package io.datadump.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP API: its port; the public base URL that file links start with (when absent, the request's own scheme and
 * host); the secret file links are signed with (when absent, one generated under DATADUMP_HOME); how long a link is
 * valid; how often an account may start an on-demand dump; the bearer token that opens {@code /metrics} (without
 * one the metrics are not served); how long a portal session lives without a request; and how long the access log
 * keeps its entries.
 */
public record ApiSettings(
        int port,
        Optional<String> publicUrl,
        Optional<String> signingSecret,
        Duration urlTtl,
        Duration onDemandMinInterval,
        Optional<String> metricsToken,
        Duration portalSessionIdle,
        Duration auditRetention) {
    @Override
    public String toString() { // never the secrets
        return "ApiSettings[port=" + port + ", publicUrl=" + publicUrl + ", urlTtl=" + urlTtl + ", metrics="
                + (metricsToken.isPresent() ? "on" : "off") + ", portalSessionIdle=" + portalSessionIdle
                + ", auditRetention=" + auditRetention + "]";
    }
}
