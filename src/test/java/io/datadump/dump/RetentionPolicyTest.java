package io.datadump.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit") // no database, no server: mvn test -Dgroups=unit
class RetentionPolicyTest {
    /** One dump a day from {@code first} to {@code last}, newest first, ids counting up with the days. */
    static List<RetentionPolicy.Dated> daily(LocalDate first, LocalDate last) {
        List<RetentionPolicy.Dated> out = new ArrayList<>();
        long id = 1;
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) out.add(0, new RetentionPolicy.Dated(id++, d));
        return out;
    }

    static List<LocalDate> keptDays(RetentionPolicy policy, List<RetentionPolicy.Dated> dumps) {
        var keep = policy.keep(dumps);
        return dumps.stream()
                .filter(d -> keep.contains(d.id()))
                .map(RetentionPolicy.Dated::day)
                .sorted()
                .toList();
    }

    @Test
    void aYearOfDailyDumpsKeepsTheLastWeekTheFirstOfFourWeeksAndOfThreeMonths() {
        // 2026-11-29 is a Sunday
        var dumps = daily(LocalDate.of(2025, 11, 1), LocalDate.of(2026, 11, 29));
        assertThat(keptDays(new RetentionPolicy(7, 4, 3), dumps))
                .containsExactly(
                        LocalDate.of(2026, 9, 1), // first of September
                        LocalDate.of(2026, 10, 1), // first of October
                        LocalDate.of(2026, 11, 1), // first of November
                        LocalDate.of(2026, 11, 2), // Monday of the fourth week back
                        LocalDate.of(2026, 11, 9),
                        LocalDate.of(2026, 11, 16),
                        LocalDate.of(2026, 11, 23), // Monday of last week, also a daily one
                        LocalDate.of(2026, 11, 24),
                        LocalDate.of(2026, 11, 25),
                        LocalDate.of(2026, 11, 26),
                        LocalDate.of(2026, 11, 27),
                        LocalDate.of(2026, 11, 28),
                        LocalDate.of(2026, 11, 29));
    }

    @Test
    void severalDumpsOnOneDayKeepTheNewestOfThatDay() {
        LocalDate day = LocalDate.of(2026, 11, 29);
        var dumps = List.of(
                new RetentionPolicy.Dated(4, day),
                new RetentionPolicy.Dated(3, day),
                new RetentionPolicy.Dated(2, day.minusDays(1)),
                new RetentionPolicy.Dated(1, day.minusDays(1)));
        assertThat(new RetentionPolicy(2, 0, 0).keep(dumps)).containsExactlyInAnyOrder(4L, 2L);
        assertThat(new RetentionPolicy(1, 0, 0).keep(dumps)).containsExactly(4L);
    }

    @Test
    void theNewestDumpIsAlwaysKeptAndNothingElseWithoutDumps() {
        assertThat(new RetentionPolicy(1, 0, 0).keep(List.of())).isEmpty();
        assertThat(new RetentionPolicy(1, 0, 0).keep(List.of(new RetentionPolicy.Dated(9, LocalDate.of(2026, 1, 1)))))
                .containsExactly(9L);
    }

    @Test
    void gapsInTheDaysCountOnlyDaysWithDumps() {
        var dumps = List.of(
                new RetentionPolicy.Dated(3, LocalDate.of(2026, 11, 29)),
                new RetentionPolicy.Dated(2, LocalDate.of(2026, 11, 10)),
                new RetentionPolicy.Dated(1, LocalDate.of(2026, 10, 1)));
        assertThat(new RetentionPolicy(2, 0, 0).keep(dumps)).containsExactlyInAnyOrder(3L, 2L);
    }

    @Test
    void countsAreChecked() {
        assertThatThrownBy(() -> new RetentionPolicy(0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetentionPolicy(1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
