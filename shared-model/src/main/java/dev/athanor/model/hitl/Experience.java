package dev.athanor.model.hitl;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A lesson an agent proposes to remember for the team's later jobs ({@code LESSON: ...} in its answer). It is used
 * only once a person approves it: approved lessons join the system prompt of the team's agents.
 *
 * @param id     derived from the job and the text, so proposing the same lesson twice keeps one
 * @param source the job (slug) whose agent proposed it
 * @param status pending, approved or rejected
 */
public record Experience(String id, String source, String agent, String content, String status, Instant createdAt,
                         @Nullable Instant decidedAt, @Nullable String decidedBy, @Nullable String reason,
                         @Nullable Long version) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
    /** Every status, in the order a decision moves through them. */
    public static final List<String> STATUSES = List.of(PENDING, APPROVED, REJECTED);

    public Experience decided(boolean approved, String by, String why, Instant at) {
        return new Experience(id, source, agent, content, approved ? APPROVED : REJECTED, createdAt, at, by, why,
                version);
    }
}
