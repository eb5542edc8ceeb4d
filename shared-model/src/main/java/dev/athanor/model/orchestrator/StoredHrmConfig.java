package dev.athanor.model.orchestrator;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * The HRM config stored for a project, or for one task of it ({@code taskId} set), under an id of its own that its
 * history is kept by.
 *
 * @param presetName the preset it was last set from, null once changed by hand
 * @param updatedBy  the subject of the caller who last changed it
 */
public record StoredHrmConfig(String configId, String projectId, @Nullable String taskId, HrmConfig config,
                              @Nullable String presetName, Instant updatedAt, String updatedBy) {
}
