package io.datadump.api;

import io.datadump.access.ApiException;
import io.datadump.accounts.Account;
import io.datadump.dump.DumpRun;
import io.datadump.dump.DumpRuns;
import io.datadump.dump.Retention;
import io.datadump.dump.RunStatus;
import io.datadump.wire.ErrorBody;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which of the caller's dumps a request means: {@code ?dump=<id>}, {@code ?date=YYYY-MM-DD} (the newest dump of that
 * day in the account's time zone), or without either the current one. Only retained (published, not pruned) dumps
 * can be chosen; an error names the oldest one still kept.
 */
public final class DumpSelector {
    private final DumpRuns runs;
    private final Function<Account, Instant> nextDumpAt;

    public DumpSelector(DumpRuns runs, Function<Account, Instant> nextDumpAt) {
        this.runs = runs;
        this.nextDumpAt = nextDumpAt;
    }

    DumpRun select(Authenticator.Caller caller, Context ctx) {
        Optional<String> dump = QueryParams.get(ctx, "dump"), date = QueryParams.get(ctx, "date");
        if (dump.isPresent() && date.isPresent()) {
            throw new ApiException(400, "invalid_parameter", "give either dump or date, not both");
        }
        if (dump.isEmpty() && date.isEmpty()) return current(caller);
        return find(caller.account(), dump.isPresent() ? dump.get() : date.get(), dump.isPresent())
                .orElseThrow(() -> new ApiException(
                        404,
                        notRetained(
                                "unknown_dump",
                                "this account has no retained dump "
                                        + (dump.isPresent() ? dump.get() : "of " + date.get())
                                        + "; list them at /v1/datadump/dumps",
                                caller.account())));
    }

    /**
     * The dump a changes feed starts from ({@code since}): a dump id or a date. One that is no longer retained answers
     * 410, so a loader knows to do a full load instead.
     */
    DumpRun since(Authenticator.Caller caller, String since) {
        boolean isId = since.chars().allMatch(Character::isDigit);
        Account account = caller.account();
        Optional<DumpRun> found = find(account, since, isId);
        if (found.isPresent()) return found.get();
        if (!wasRetained(account, since, isId)) {
            throw new ApiException(
                    404,
                    notRetained(
                            "unknown_dump",
                            "this account never had a dump " + (isId ? "" : "of ") + Printable.of(since)
                                    + "; take since from a dump you loaded (its dump_id), see /v1/datadump/dumps",
                            account));
        }
        throw new ApiException(
                410,
                notRetained(
                        "since_not_retained",
                        "the dump " + Printable.of(since) + " is not retained any more; load the whole table"
                                + " (GET /v1/datadump/<table>) and take the changes from its dump id next time",
                        account));
    }

    /**
     * Whether {@code since} names a dump the account once had and retention dropped (410: load whole), rather than one
     * it never had (404: a wrong id or a day without a dump). An id of another account's dump counts as never had.
     */
    private boolean wasRetained(Account account, String since, boolean isId) {
        if (isId) {
            return runs.find(Long.parseLong(since))
                    .filter(r -> r.accountId() == account.id())
                    .filter(r -> r.status() == RunStatus.EXPIRING || r.status() == RunStatus.PRUNED)
                    .isPresent();
        }
        List<DumpRun> retained = retained(account);
        return !retained.isEmpty()
                && LocalDate.parse(since)
                        .isBefore(Retention.day(retained.get(retained.size() - 1), account.timeZone()));
    }

    DumpRun current(Authenticator.Caller caller) {
        Account account = caller.account();
        return caller.current().orElseThrow(() -> {
            String next = nextDumpAt
                    .apply(account)
                    .atZone(account.timeZone())
                    .toOffsetDateTime()
                    .toString();
            return new ApiException(
                    404,
                    ErrorBody.of(
                                    "no_dump_yet",
                                    "there is no dump for this account yet; the next one is scheduled for " + next)
                            .withNextDumpAt(next));
        });
    }

    /** The account's retained dumps, newest first. */
    public List<DumpRun> retained(Account account) {
        return runs.published(account.id()).stream()
                .filter(DumpRun::isPublished)
                .toList();
    }

    private Optional<DumpRun> find(Account account, String value, boolean isId) {
        if (isId) {
            if (!value.matches("\\d{1,18}")) {
                throw new ApiException(400, "invalid_parameter", "a dump id is a positive whole number");
            }
            long id = Long.parseLong(value);
            return runs.find(id).filter(r -> r.accountId() == account.id() && r.isPublished());
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_parameter", "a date is written YYYY-MM-DD, e.g. 2026-11-29");
        }
        return retained(account).stream()
                .filter(r -> Retention.day(r, account.timeZone()).equals(day))
                .findFirst();
    }

    private ErrorBody notRetained(String code, String message, Account account) {
        List<DumpRun> retained = retained(account);
        ErrorBody body = ErrorBody.of(code, message);
        if (retained.isEmpty()) return body;
        DumpRun oldest = retained.get(retained.size() - 1);
        return body.withOldestRetained(new ErrorBody.DumpRef(
                oldest.id(), Retention.day(oldest, account.timeZone()).toString()));
    }
}
