package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The HRM config a project or task runs with (6.2). {@code config_id}, {@code last_updated} and {@code updated_by}
 * are null while it runs with the defaults; {@code preset_name} is null once changed by hand.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ConfigView(@Nullable String configId, HrmConfig config, @Nullable String presetName,
                         @Nullable String lastUpdated, @Nullable String updatedBy) {
}
