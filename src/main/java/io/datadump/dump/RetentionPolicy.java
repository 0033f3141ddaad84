package io.datadump.dump;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Grandfather-father-son: which published dumps an account keeps. Counted back from the newest dump's day, in the
 * account's time zone:
 *
 * <ul>
 *   <li>{@code daily}: the newest dump of each of the last N days that have a dump;
 *   <li>{@code weekly}: the first dump of each of the last N ISO weeks (Monday to Sunday);
 *   <li>{@code monthly}: the first dump of each of the last N calendar months.
 * </ul>
 *
 * The newest dump is always kept. With one dump a day the defaults (7, 4, 3) keep at most 14 dumps, usually 11-12
 * (some days are also the first of their week or month).
 */
public record RetentionPolicy(int daily, int weekly, int monthly) {
    public RetentionPolicy {
        if (daily < 1) throw new IllegalArgumentException("retention must keep at least one daily dump");
        if (weekly < 0 || monthly < 0)
            throw new IllegalArgumentException("weekly and monthly counts cannot be negative");
    }

    /** One published dump: its id and the day of its snapshot in the account's time zone. */
    public record Dated(long id, LocalDate day) {}

    /** The ids to keep of these dumps, given newest first (by snapshot). */
    public Set<Long> keep(List<Dated> newestFirst) {
        Set<Long> keep = new HashSet<>();
        if (newestFirst.isEmpty()) return keep;
        keep.add(newestFirst.get(0).id());
        LocalDate newest = newestFirst.get(0).day();
        keep.addAll(newestPer(newestFirst, Dated::day, daily));
        keep.addAll(firstPer(
                newestFirst,
                d -> d.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                newest.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weekly)));
        keep.addAll(firstPer(
                newestFirst,
                d -> d.day().withDayOfMonth(1),
                newest.withDayOfMonth(1).minusMonths(monthly)));
        return keep;
    }

    /** The newest dump of each of the last {@code count} periods that have one. */
    private static Set<Long> newestPer(List<Dated> newestFirst, Function<Dated, LocalDate> period, int count) {
        Map<LocalDate, Long> newestOf = new LinkedHashMap<>();
        for (Dated d : newestFirst) {
            if (!newestOf.containsKey(period.apply(d))) {
                if (newestOf.size() == count) break;
                newestOf.put(period.apply(d), d.id());
            }
        }
        return new HashSet<>(newestOf.values());
    }

    /** The first (oldest) dump of each period that starts after {@code before}. */
    private static Set<Long> firstPer(List<Dated> newestFirst, Function<Dated, LocalDate> period, LocalDate before) {
        Map<LocalDate, Long> firstOf = new LinkedHashMap<>();
        for (Dated d : newestFirst) {
            LocalDate start = period.apply(d);
            if (start.isAfter(before)) firstOf.put(start, d.id()); // later entries are older: the last one wins
        }
        return new HashSet<>(firstOf.values());
    }
}
