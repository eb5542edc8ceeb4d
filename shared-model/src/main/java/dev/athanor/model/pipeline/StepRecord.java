package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What happened to one state of an execution (its latest visit).
 *
 * @param visits   how often the state was entered (a repair loop enters it again)
 * @param attempts tries of the latest visit
 * @param commits  results committed for it over all visits: one per visit, however often messages were redelivered
 * @param costUsd  the cost of all its calls over all visits
 */
@Serdeable
public record StepRecord(StepStatus status, int visits, int attempts, int commits, @Nullable Instant startedAt,
                         @Nullable Instant finishedAt, @Nullable String error, BigDecimal costUsd) {

    public static final StepRecord NEW = new StepRecord(StepStatus.PENDING, 0, 0, 0, null, null, null, BigDecimal.ZERO);

    public StepRecord {
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
    }

    StepRecord entered() {
        return new StepRecord(StepStatus.PENDING, visits + 1, 0, commits, null, null, null, costUsd);
    }

    StepRecord with(StepStatus next) {
        return new StepRecord(next, visits, attempts, commits, startedAt, finishedAt, error, costUsd);
    }

    StepRecord started(int attempt, Instant at) {
        return new StepRecord(StepStatus.RUNNING, visits, attempt, commits, startedAt == null ? at : startedAt, null,
                null, costUsd);
    }

    StepRecord waiting(Instant at) {
        return new StepRecord(StepStatus.WAITING, visits, attempts, commits, at, null, null, costUsd);
    }

    StepRecord finished(StepStatus result, Instant at, String failure, BigDecimal cost, boolean committed) {
        return new StepRecord(result, visits, attempts, commits + (committed ? 1 : 0), startedAt == null ? at : startedAt,
                at, failure, costUsd.add(cost == null ? BigDecimal.ZERO : cost));
    }

    StepRecord charged(BigDecimal cost) {
        return new StepRecord(status, visits, attempts, commits, startedAt, finishedAt, error,
                costUsd.add(cost == null ? BigDecimal.ZERO : cost));
    }
}
