package dev.athanor.model.orchestrator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;

/**
 * One iteration of a task: what the agent produced (its text is kept apart, under the task's artifacts) and how the
 * judge scored it.
 *
 * @param run          the execution it belongs to (1 for the first, one more for each retry)
 * @param iteration    its number within the run, from 1
 * @param agent        the agent type that produced it
 * @param connection   the agent connection used, or null for the operator's default model
 * @param model        the model that answered
 * @param quality      the judge's score, 0-1, or null when the judge gave none
 * @param tokens       the agent's and judge's tokens together
 * @param cost         USD of the agent's and judge's calls
 * @param note         why the next iteration switched agent or stopped, or null
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record TaskIteration(int run, int iteration, String agent, @Nullable String connection, String model,
                            @Nullable Double quality, boolean testsPassing, int securityIssues,
                            @Nullable String feedback, long tokens, double cost, double durationSeconds,
                            @Nullable String note, Instant finishedAt) {
}
