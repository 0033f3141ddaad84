package io.datadump.webhook;

import java.time.Duration;

/**
 * Webhook delivery: threads per node (a slow receiver holds one for at most {@code timeout}), and how often,
 * starting how far apart and doubling, a failed delivery is retried.
 */
public record WebhookSettings(int threads, int maxRetries, Duration retryBase, Duration timeout) {}
