package io.datadump.schedule;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The daily dumps: the local time and zone of accounts that set none; dump threads per node; db-scheduler's
 * heartbeat (a node silent for six of them is taken for dead and its dumps revived elsewhere) and polling interval;
 * how often, starting how far apart, a failed dump is retried before it waits for its next daily slot; and when, each
 * day, one node reads every stored dump back ('datadump check').
 */
public record SchedulerSettings(
        LocalTime defaultTime,
        ZoneId defaultZone,
        int threads,
        Duration heartbeat,
        Duration pollingInterval,
        int maxRetries,
        Duration retryBase,
        LocalTime checkTime) {}
