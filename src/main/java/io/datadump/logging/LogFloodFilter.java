package io.datadump.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps any other component from flooding the log: a logger outside {@code io.datadump} (Jetty, db-scheduler, HikariCP,
 * the JDBC driver) writes at most {@link #perMinute} lines a minute; what it would have written beyond that is counted
 * and reported in one line when the minute is over. Jetty, for one, logs a request with a malformed authority ({@code
 * Host: a b}) at WARN once per request: 39 MB in 5 s from one client without it. datadump's own loggers count their
 * refusals themselves (see the API's refusal log) and pass unchanged.
 */
public final class LogFloodFilter extends TurboFilter {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(LogFloodFilter.class);
    private static final long MINUTE_NANOS = 60_000_000_000L;

    private int perMinute = 5;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private static final class Window {
        final long startedNanos;
        final AtomicInteger lines = new AtomicInteger();

        Window(long startedNanos) {
            this.startedNanos = startedNanos;
        }
    }

    /** Lines a minute each other component may write (logback.xml: {@code <perMinute>}). */
    public void setPerMinute(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        // isDebugEnabled() and its kind come without a format: Jetty asks dozens of times a request, so they pass first
        if (format == null) return FilterReply.NEUTRAL;
        String name = logger.getName();
        // the effective level, not isEnabledFor: that asks the turbo filters again
        if (name.startsWith("io.datadump") || !level.isGreaterOrEqual(logger.getEffectiveLevel()))
            return FilterReply.NEUTRAL;
        long now = System.nanoTime();
        if (windows.size() > 10_000) windows.clear(); // logger names are few; never a leak
        Window[] ended = new Window[1];
        Window w = windows.compute(name, (k, old) -> {
            if (old != null && now - old.startedNanos <= MINUTE_NANOS) return old;
            ended[0] = old;
            return new Window(now);
        });
        // reported outside compute(): the map is not to be touched, nor a line written, inside its remapping
        if (ended[0] != null && ended[0].lines.get() > perMinute) {
            log.warn(
                    "{} more line(s) of {} left out in a minute (at most {} a minute are written)",
                    ended[0].lines.get() - perMinute,
                    name,
                    perMinute);
        }
        return w.lines.incrementAndGet() <= perMinute ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
