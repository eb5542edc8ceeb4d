package dev.athanor.orchestrator.tasks;

import dev.athanor.model.orchestrator.TaskIteration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** One iteration of a task with what its agent produced ({@code content}, null when it is no longer kept). */
@Serdeable(naming = SnakeCaseStrategy.class)
public record IterationView(int run, int iteration, String agent, @Nullable String connection, String model,
                            @Nullable Double quality, boolean testsPassing, int securityIssues,
                            @Nullable String feedback, long tokens, double cost, double durationSeconds,
                            @Nullable String note, String finishedAt, @Nullable String content) {

    static IterationView of(TaskIteration i, @Nullable String content) {
        return new IterationView(i.run(), i.iteration(), i.agent(), i.connection(), i.model(), i.quality(),
                i.testsPassing(), i.securityIssues(), i.feedback(), i.tokens(), i.cost(), i.durationSeconds(),
                i.note(), i.finishedAt().toString(), content);
    }
}
