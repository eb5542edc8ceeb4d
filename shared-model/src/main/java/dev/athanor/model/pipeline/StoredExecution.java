package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An execution as stored: the execution, the commands of the transition that produced it (the outbox, sent again
 * when the message of {@code outboxToken} is redelivered, or by the sweeper once it is overdue), the lease of a step
 * being run, and the item's version.
 *
 * @param team        the owning team's id
 * @param outboxToken the step token whose message committed the outbox; null when an API call did
 * @param leaseUntil  while a worker runs the current step, until when no other delivery may start it
 * @param dueAt       when the sweeper is to look at this execution: the outbox may not all have been carried out
 *                    (its commit was followed by a crash, or its message was lost), and nothing else would notice
 * @param labels      what a list shows of the execution ({@link ExecutionSummary}): the input variables its
 *                    definition names as {@link PipelineDefinition#labels()}, fixed at its start
 */
public record StoredExecution(String team, Execution execution, List<Command> outbox, @Nullable String outboxToken,
                              @Nullable Instant leaseUntil, Instant createdAt, Instant updatedAt,
                              @Nullable Long version, @Nullable Instant dueAt, Map<String, String> labels) {

    public StoredExecution {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The next version of this item, to be written conditionally on {@link #version}; not yet due. */
    public StoredExecution next(Execution changed, List<Command> commands, String producedBy, Instant lease,
                                Instant now) {
        boolean newOutbox = !commands.isEmpty();
        return new StoredExecution(team, changed, newOutbox ? commands : outbox, newOutbox ? producedBy : outboxToken,
                lease, createdAt, now, version, null, labels);
    }

    /** This item due at {@code at} (null: not due), otherwise unchanged. */
    public StoredExecution due(@Nullable Instant at) {
        return new StoredExecution(team, execution, outbox, outboxToken, leaseUntil, createdAt, updatedAt, version, at,
                labels);
    }

    /**
     * This item with the sweeper's look scheduled: {@code after} past the last commit (and past a delayed step
     * message's delay) while any of its outbox may still be undone, otherwise never.
     */
    public StoredExecution dueAfter(Duration after) {
        List<Command> undone = undelivered();
        if (undone.isEmpty()) {
            return due(null);
        }
        int delay = undone.stream().mapToInt(Command::delaySeconds).max().orElse(0);
        return due(updatedAt.plusSeconds(delay).plus(after));
    }

    /**
     * The commands whose effect the execution is still waiting for, all safe to carry out again: a step message
     * whose step has not started (also an item of a map sent by an earlier commit), the approval being awaited (its
     * checkpoint is opened idempotently), and the end of an execution that has ended (its entry is idempotent).
     */
    public List<Command> undelivered() {
        Set<Command> undone = new LinkedHashSet<>();
        boolean ended = execution.status().isFinal();
        for (Command command : outbox) {
            switch (command.kind()) {
                case RUN_STEP -> {
                    if (!ended && notStarted(command.token())) {
                        undone.add(command);
                    }
                }
                case AWAIT_APPROVAL -> {
                    if (execution.status() == ExecutionStatus.WAITING
                            && command.token().equals(execution.currentToken())) {
                        undone.add(command);
                    }
                }
                case FINISHED -> {
                    if (ended) {
                        undone.add(command);
                    }
                }
                default -> throw new IllegalStateException("Unknown command " + command.kind());
            }
        }
        if (!ended) {
            List<String> sent = undone.stream().map(Command::token).toList();
            execution.branches().forEach((token, item) -> {
                if (item.status() == StepStatus.PENDING && !sent.contains(token)) {
                    undone.add(Command.runStep(token, execution.current(), item.attempt(), 0));
                }
            });
        }
        return new ArrayList<>(undone);
    }

    private boolean notStarted(String token) {
        if (!execution.isLive(token) || execution.status() != ExecutionStatus.RUNNING) {
            return false;
        }
        Execution.Branch item = execution.branch(token);
        return item != null ? item.status() == StepStatus.PENDING
                : execution.step(execution.current()).status() == StepStatus.PENDING;
    }
}
