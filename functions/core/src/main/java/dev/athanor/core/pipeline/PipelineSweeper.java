package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.StoredExecution;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Carries out again what the last commits of overdue executions asked for (see {@link StoredExecution#dueAt}): a
 * step message whose step never started, an approval's checkpoint, an end entry. Every such command is safe to carry
 * out twice, so a sweep that finds the work done (or races a worker) only repeats it. A step message sent again is
 * looked at again later, each time twice as long after its commit; everything else once. A worker sweeps the
 * pipelines declared in its context ({@link Pipeline}): their step messages go to its own queue.
 */
@Singleton
@Requires(beans = PipelineEngine.class)
public class PipelineSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineSweeper.class);

    private final ExecutionStore store;
    private final PipelineEngine engine;
    private final PipelineConfiguration config;
    private final List<Pipeline> pipelines;

    public PipelineSweeper(ExecutionStore store, PipelineEngine engine, PipelineConfiguration config,
                           List<Pipeline> pipelines) {
        this.store = store;
        this.engine = engine;
        this.config = config;
        this.pipelines = List.copyOf(pipelines);
    }

    /** @return how many executions had step messages sent again */
    public int sweep(Instant now) {
        int resent = 0;
        for (Pipeline pipeline : pipelines) {
            for (ExecutionStore.Key key : store.due(pipeline.id(), now, config.getSweepLimit())) {
                try {
                    resent += sweep(key.team(), key.id(), now) ? 1 : 0;
                } catch (RuntimeException e) {
                    LOG.warn("Could not sweep execution {} of team {}; the next sweep tries again", key.id(),
                            key.team().value(), e);
                }
            }
        }
        return resent;
    }

    private boolean sweep(TeamId team, String id, Instant now) {
        StoredExecution stored = store.find(team, id).orElse(null);
        if (stored == null || stored.dueAt() == null || stored.dueAt().isAfter(now)) {
            return false; // deleted, or committed again since the index was read
        }
        List<Command> undone = stored.undelivered();
        boolean steps = undone.stream().anyMatch(c -> c.kind() == Command.Kind.RUN_STEP);
        if (steps) {
            LOG.warn("Execution {} of team {}: no step has started since its commit at {}; sending again: {}", id,
                    team.value(), stored.updatedAt(), undone);
        }
        engine.carryOut(team, stored, undone);
        Instant next = steps ? now.plus(Duration.between(stored.updatedAt(), now)) : null;
        try {
            engine.forget(team, id);
            store.save(team, stored.due(next));
        } catch (ConflictException committed) {
            // a commit got there first and scheduled its own look
        }
        return steps;
    }
}
