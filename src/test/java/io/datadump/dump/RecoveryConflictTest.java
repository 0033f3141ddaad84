package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.datadump.db.DataAccessException;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class RecoveryConflictTest {
    @Test
    void aDumpCancelledByAStandbySaysWhyAndWhatToChange() {
        SQLException cancelled = new SQLException(
                "ERROR: canceling statement due to conflict with recovery\n  Detail: User query might have needed to"
                        + " see row versions that must be removed.",
                "40001");
        // as COPY reports it: wrapped in the stream's IOException
        String why = RecoveryConflict.explain(new IOException(cancelled.getMessage(), cancelled));
        assertThat(why)
                .startsWith("the source is a hot standby and cancelled the dump")
                .contains("hot_standby_feedback = on", "max_standby_streaming_delay", "conflict with recovery");
        assertThat(RecoveryConflict.is(DataAccessException.of("dump", cancelled)))
                .isTrue();
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        SQLException serialization = new SQLException("could not serialize access", "40001");
        assertThat(RecoveryConflict.explain(new IOException("disk full"))).isEqualTo("disk full");
        assertThat(RecoveryConflict.is(serialization)).isFalse();
    }
}
