package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class DumpFailureTest {
    @Test
    void aFailedStepSaysWhichStepAndWhatHappenedNeverJustAPath() {
        assertThatThrownBy(() -> DumpFailure.step("syncing the dump's files to storage", () -> {
                    throw new NoSuchFileException("/srv/dumps/accounts/1/dumps/x/.data/ab12");
                }))
                .isInstanceOf(DumpException.class)
                .hasMessage("syncing the dump's files to storage: the file /srv/dumps/accounts/1/dumps/x/.data/ab12"
                        + " does not exist");
        assertThat(DumpFailure.describe(
                        new FileSystemException("/srv/x/.notes.json.partial", null, "No space left on device")))
                .isEqualTo("No space left on device (/srv/x/.notes.json.partial)");
        assertThat(DumpFailure.describe(new SQLException("permission denied for table notes", "42501")))
                .isEqualTo("the database answered 42501: permission denied for table notes");
        assertThat(DumpFailure.describe(new IOException("disk full"))).isEqualTo("disk full (IOException)");
        assertThat(DumpFailure.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void aDumpExceptionFromAnInnerStepKeepsItsOwnMessage() {
        DumpFailure inner = new DumpFailure("writing table notes to storage", new IOException("disk full"));
        assertThatThrownBy(() -> DumpFailure.step("reading the tables", () -> {
                    throw inner;
                }))
                .isSameAs(inner);
    }
}
