package io.datadump.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.CoreConstants;

/**
 * Stack traces for datadump's own lines only (logback.xml: {@code %exShort}). Another component's exception is written
 * as one line of its causes: HikariCP alone wrote four 25-line traces for one stalled dump, and db-scheduler one per
 * poll through a database outage. What failed and why is in the causes; where in Hikari it was noticed is not news.
 */
public final class ShortThirdPartyThrowable extends ThrowableHandlingConverter {
    private final ThrowableProxyConverter full = new ThrowableProxyConverter();

    @Override
    public void start() {
        full.setContext(getContext());
        full.setOptionList(getOptionList());
        full.start();
        super.start();
    }

    @Override
    public void stop() {
        full.stop();
        super.stop();
    }

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) return CoreConstants.EMPTY_STRING;
        if (event.getLoggerName().startsWith("io.datadump")) return full.convert(event);
        StringBuilder line = new StringBuilder("  caused by ");
        int depth = 0;
        for (IThrowableProxy t = thrown; t != null && depth < 8; t = t.getCause(), depth++) {
            if (depth > 0) line.append(" <- ");
            String name = t.getClassName();
            line.append(name.substring(name.lastIndexOf('.') + 1));
            if (t.getMessage() != null) line.append(": ").append(t.getMessage().replace('\n', ' '));
        }
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }
}
