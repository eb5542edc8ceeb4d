package dev.athanor.model.orchestrator;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.Instant;
import java.util.List;

/**
 * One change of a stored HRM config: when, by whom, from where ({@link #MANUAL} or {@link #PRESET}) and which
 * values changed.
 */
public record HrmHistoryEntry(String id, String configId, String projectId, @Nullable String taskId,
                              Instant changedAt, String changedBy, String source, @Nullable String presetId,
                              @Nullable String presetName, List<Change> changes) {

    public static final String MANUAL = "manual";
    public static final String PRESET = "preset";

    public HrmHistoryEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    /**
     * One value that changed.
     *
     * @param field  its path in the config, e.g. {@code agent_switching.max_switches_per_task}
     * @param before the value in effect before; for a config's first change, the one it inherited (its project's
     *               or the default)
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Change(String field, @Nullable Object before, @Nullable Object after) {
    }
}
