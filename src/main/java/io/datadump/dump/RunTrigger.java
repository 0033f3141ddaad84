package io.datadump.dump;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What started a dump run; stored and answered in lower case. */
public enum RunTrigger {
    /** The account's daily dump. */
    SCHEDULE,
    /** An on-demand request through the API. */
    API,
    /** The command line ({@code dump}, {@code demo}) and tests. */
    CLI,
    /** {@code datadump bench}. */
    BENCH;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Unknown keys (written by another version) read as CLI rather than failing a listing. */
    public static RunTrigger parse(String key) {
        for (RunTrigger t : values()) if (t.key().equals(key)) return t;
        return CLI;
    }
}
