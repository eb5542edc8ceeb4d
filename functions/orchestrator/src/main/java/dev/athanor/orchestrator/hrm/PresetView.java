package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmPreset;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A preset as 6.3 shows it, with its visibility (6.4); built-ins are {@code public}. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record PresetView(String id, String name, @Nullable String description, String icon, String color,
                         boolean builtin, String visibility, HrmConfig config, UsageStats usageStats) {

    static PresetView of(HrmPreset preset, long uses) {
        return new PresetView(preset.id(), preset.name(), preset.description(), preset.icon(), preset.color(),
                preset.builtin(), preset.visibility(), preset.config(), new UsageStats(uses, null, null, null));
    }

    /**
     * How often the team applied it; the averages over the tasks run with it are null until tasks report results.
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record UsageStats(long usageCount, @Nullable Double avgQuality, @Nullable Double avgCost,
                             @Nullable Double avgDuration) {
    }
}
