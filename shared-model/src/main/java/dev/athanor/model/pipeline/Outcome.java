package dev.athanor.model.pipeline;

import java.util.List;

/**
 * The result of applying an event: the new execution and the commands to carry out. {@code applied} is false when
 * the event did not fit (a duplicate or stale message, a decision on a step no longer awaited): nothing changes.
 */
public record Outcome(Execution execution, List<Command> commands, boolean applied, String reason) {

    public Outcome {
        commands = List.copyOf(commands);
    }

    static Outcome ignored(Execution execution, String reason) {
        return new Outcome(execution, List.of(), false, reason);
    }
}
