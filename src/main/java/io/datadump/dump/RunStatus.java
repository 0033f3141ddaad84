package io.datadump.dump;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a dump run stands; stored and answered in lower case. */
public enum RunStatus {
    /** Requested through the API; a worker will start it. */
    QUEUED,
    RUNNING,
    /** Complete; the newest published run of an account is its current dump. */
    PUBLISHED,
    /**
     * Was published; retention no longer keeps it, so it is offered no more, but its files stay until the links that
     * may have been handed out to it have expired (see {@link Retention}).
     */
    EXPIRING,
    FAILED,
    /** Was published, then deleted by retention. */
    PRUNED;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
