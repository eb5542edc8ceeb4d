package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A decision a person must take before an execution goes on: one per awaited approval step.
 *
 * @param id        derived from the step token, so recording the same wait twice keeps one
 * @param execution the execution's id
 * @param subject   what the execution is about, for people (a job's slug)
 * @param state     the approval state
 * @param action    what is to be approved, in words
 * @param status    pending, approved or rejected
 */
public record Checkpoint(String id, String execution, String pipeline, String subject, String state, String token,
                         String action, String status, Instant createdAt, @Nullable Instant decidedAt,
                         @Nullable String decidedBy, @Nullable String reason, @Nullable Long version) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    /** Every status, in the order a decision moves through them. */
    public static final List<String> STATUSES = List.of(PENDING, APPROVED, REJECTED);

    public Checkpoint decided(boolean approved, String by, String why, Instant at) {
        return new Checkpoint(id, execution, pipeline, subject, state, token, action, approved ? APPROVED : REJECTED,
                createdAt, at, by, why, version);
    }
}
