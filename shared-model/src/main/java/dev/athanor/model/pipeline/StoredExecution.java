package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * An execution as stored: the execution, the commands of the transition that produced it (the outbox, sent again
 * when the message of {@code outboxToken} is redelivered), the lease of a step being run, and the item's version.
 *
 * @param team        the owning team's id
 * @param outboxToken the step token whose message committed the outbox; null when an API call did
 * @param leaseUntil  while a worker runs the current step, until when no other delivery may start it
 */
public record StoredExecution(String team, Execution execution, List<Command> outbox, @Nullable String outboxToken,
                              @Nullable Instant leaseUntil, Instant createdAt, Instant updatedAt,
                              @Nullable Long version) {

    public StoredExecution {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /** The next version of this item, to be written conditionally on {@link #version}. */
    public StoredExecution next(Execution changed, List<Command> commands, String producedBy, Instant lease,
                                Instant now) {
        boolean newOutbox = !commands.isEmpty();
        return new StoredExecution(team, changed, newOutbox ? commands : outbox, newOutbox ? producedBy : outboxToken,
                lease, createdAt, now, version);
    }
}
