package io.datadump.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * Delivery into accounts' own storage: threads per node, how often and starting how far apart (doubling) a failed
 * delivery is retried, the network timeout, how often a delivering node says it lives (another node takes a delivery
 * over after a few missed beats), whether destinations may be on private networks (off by default: a
 * tenant's endpoint must not reach the operator's internal services), and the key that encrypts the destinations'
 * secrets (without one, no destination can be stored).
 */
public record DeliverySettings(
        int threads,
        int maxRetries,
        Duration retryBase,
        Duration timeout,
        Duration heartbeat,
        boolean privateNetworks,
        Optional<SecretBox> secrets) {
    @Override
    public String toString() { // never the key
        return "DeliverySettings[threads=" + threads + ", maxRetries=" + maxRetries + ", retryBase=" + retryBase
                + ", timeout=" + timeout + ", heartbeat=" + heartbeat + ", privateNetworks=" + privateNetworks
                + ", secrets="
                + (secrets.isPresent() ? "set" : "unset") + "]";
    }
}
