package dev.athanor.model.orchestrator;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A named HRM config to apply to projects and tasks: one of the built-ins every team has, or a team's own.
 *
 * @param visibility {@code private} (its creator alone sees it), {@code shared} or {@code public}
 * @param createdBy  the subject of its creator; null for a built-in
 */
public record HrmPreset(String id, String name, @Nullable String description, String icon, String color,
                        boolean builtin, String visibility, HrmConfig config, @Nullable String createdBy,
                        @Nullable Instant createdAt, @Nullable Instant updatedAt) {

    public static final String PRIVATE = "private";
    public static final String SHARED = "shared";
    public static final String PUBLIC = "public";
}
