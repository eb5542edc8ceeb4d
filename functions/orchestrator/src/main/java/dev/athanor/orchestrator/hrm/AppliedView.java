package dev.athanor.orchestrator.hrm;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The answer to a config change or a preset applied (6.1, 6.7).
 *
 * @param status              {@code applied} when something was stored, {@code validated} when nothing was
 *                            (neither persisted nor applied to a running task)
 * @param configId            the stored config's id; null when nothing is stored for the project or task
 * @param impactEstimate      the change from the config run with before to the new one, estimated on the project's
 *                            task history ({@link HrmImpacts#change}); its fields are null without history
 * @param futureTasksAffected whether the project's tasks started from now on run with it
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record AppliedView(String status, @Nullable String configId, String appliedAt, Impact impactEstimate,
                          int activeTasksAffected, boolean futureTasksAffected) {

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Impact(@Nullable Double costChange, @Nullable Double speedChange, @Nullable Double qualityChange,
                         @Nullable Double tokenReduction) {

        static final Impact NOT_ESTIMATED = new Impact(null, null, null, null);
    }
}
