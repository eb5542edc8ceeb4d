package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.pipeline.ExecutionEvent;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.Outcome;
import dev.athanor.model.pipeline.PipelineDefinition;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.model.pipeline.Transition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * How {@link PipelineEngine} changes an execution: read it (or take the copy this worker last wrote), apply an event
 * with {@link Transition}, and write it conditionally on its version, again until the write wins or the event is
 * stale. Every write marks the execution due for the sweep, and keeps {@link RecentExecutions} in step with the store.
 */
final class ExecutionCommits {

    private static final int MAX_COMMIT_TRIES = 20;

    private final ExecutionStore store;
    private final PipelineDefinitions definitions;
    private final RecentExecutions recent;
    private final Clock clock;
    private final Duration sweepAfter;

    ExecutionCommits(ExecutionStore store, PipelineDefinitions definitions, RecentExecutions recent, Clock clock,
                     Duration sweepAfter) {
        this.store = store;
        this.definitions = definitions;
        this.recent = recent;
        this.clock = clock;
        this.sweepAfter = sweepAfter;
    }

    record Committed(StoredExecution stored, Outcome outcome) {
    }

    /**
     * Reads, applies the event and writes conditionally, again and again until it wins or the event is stale.
     *
     * @param producedBy the step token whose message commits (null for API calls)
     * @param lease      the step's new lease: set when it starts, cleared (null) when its result is committed; API
     *                   calls ({@code producedBy == null}) keep whatever lease is held
     */
    Committed commit(TeamId team, String id, String producedBy, Function<StoredExecution, ExecutionEvent> event,
                             Instant lease) {
        return commit(team, id, null, producedBy, event, lease);
    }

    /** As above, trying {@code known} (the copy the caller last read or wrote) before reading again. */
    Committed commit(TeamId team, String id, StoredExecution known, String producedBy,
                             Function<StoredExecution, ExecutionEvent> event, Instant lease) {
        for (int attempt = 1; ; attempt++) {
            StoredExecution stored = attempt == 1 && known != null ? known : store.find(team, id)
                    .orElseThrow(() -> new NotFoundException("No execution '" + id + "'"));
            PipelineDefinition definition = definitions.get(stored.execution().pipeline());
            Outcome outcome = Transition.apply(definition, stored.execution(), event.apply(stored));
            if (!outcome.applied()) {
                return new Committed(stored, outcome);
            }
            try {
                Instant newLease = producedBy == null ? stored.leaseUntil() : lease;
                StoredExecution saved = store.save(team, stored.next(outcome.execution(), outcome.commands(),
                        producedBy, newLease, clock.instant()).dueAfter(sweepAfter()));
                recent.remember(team, saved);
                return new Committed(saved, outcome);
            } catch (ConflictException raced) {
                recent.forget(team, id);
                if (attempt >= MAX_COMMIT_TRIES) {
                    throw raced;
                }
            } catch (RuntimeException | Error unknown) {
                // the write may have landed with its answer lost: the copy held here may be older than the store's,
                // and would refuse the step's next delivery as busy under the lease this write may have cleared
                recent.forget(team, id);
                throw unknown;
            }
        }
    }

    /** How long after a commit its execution counts as due for the sweep, while something of it is undone. */
    Duration sweepAfter() {
        return sweepAfter;
    }
}
