package io.datadump.schedule;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.datadump.dump.DumpException;
import java.time.Clock;

/**
 * A dump ended by its node's stop ({@link DumpException.Stopped}) is no failure of the dump: its execution is made due
 * again at once, for whichever node polls next, instead of waiting out a retry delay or a dead node's heartbeat
 * timeout. Any other failure goes to {@code otherwise}.
 */
final class ReleasedOnStop<T> implements FailureHandler<T> {
    private final FailureHandler<T> otherwise;
    private final Clock clock;

    ReleasedOnStop(FailureHandler<T> otherwise, Clock clock) {
        this.otherwise = otherwise;
        this.clock = clock;
    }

    @Override
    public void onFailure(ExecutionComplete complete, ExecutionOperations<T> ops) {
        if (complete.getCause().filter(DumpException.Stopped.class::isInstance).isPresent()) {
            ops.reschedule(complete, clock.instant());
        } else {
            otherwise.onFailure(complete, ops);
        }
    }
}
