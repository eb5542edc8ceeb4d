package dev.athanor.model.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a team's activity log: a step that started or finished, a call refused, a checkpoint decided. Entries
 * are written at least once; {@code id} is derived from what happened (a step's token and the action), so writing
 * the same entry twice keeps one.
 *
 * @param action     what happened, e.g. {@code step_started}, {@code step_passed}, {@code step_failed},
 *                   {@code permission_denied}
 * @param agent      the agent involved, if any
 * @param job        the job (slug) involved, if any
 * @param status     the outcome, e.g. {@code running}, {@code passed}, {@code failed}, {@code denied}
 * @param detail     a human-readable line
 * @param costUsd    the cost of the step, or of the job so far, if known
 * @param durationMs how long the step took, if it finished
 */
public record ActivityEntry(String id, Instant at, String action, String agent, String job, String status,
                            String detail, BigDecimal costUsd, Long durationMs) {

    public ActivityEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
    }
}
