package io.datadump.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class SqlTextTest {
    @Test
    void oneSelectPassesWhateverItsStringsAndCommentsSay() {
        assertThat(
                        SqlText.whyNotAReadOnlyQuery(
                                "-- delete me later\nSELECT 'DROP TABLE x; --' AS a, \"update\" AS b, E'it\\'s; insert' AS c,"
                                        + " $$DELETE$$ AS d, $t$ ; $t$ AS e, t.delete /* ; drop */ FROM t WHERE t.a = :account_id;"))
                .isEmpty();
        assertThat(SqlText.whyNotAReadOnlyQuery("WITH x AS (SELECT 1 AS id) SELECT * FROM x"))
                .isEmpty();
        assertThat(SqlText.whyNotAReadOnlyQuery("SELECT jsonb_set(c.j, '{a}', '1') AS updated FROM c"))
                .isEmpty();
    }

    @Test
    void anythingThatWritesOrIsNotOneQueryIsRefused() {
        assertThat(SqlText.whyNotAReadOnlyQuery("UPDATE t SET a = 1"))
                .get()
                .asString()
                .contains("must be a SELECT");
        assertThat(SqlText.whyNotAReadOnlyQuery("SELECT 1; SELECT 2"))
                .get()
                .asString()
                .contains("more than one");
        assertThat(SqlText.whyNotAReadOnlyQuery("SELECT * FROM t FOR UPDATE"))
                .get()
                .asString()
                .contains("'UPDATE'");
        assertThat(SqlText.whyNotAReadOnlyQuery("SELECT * INTO copy FROM t"))
                .get()
                .asString()
                .contains("'INTO'");
        assertThat(SqlText.whyNotAReadOnlyQuery("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"))
                .get()
                .asString()
                .contains("'DELETE'");
        assertThat(SqlText.whyNotAReadOnlyQuery("-- nothing\n"))
                .get()
                .asString()
                .contains("no query");
    }
}
