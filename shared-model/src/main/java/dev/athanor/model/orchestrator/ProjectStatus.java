package dev.athanor.model.orchestrator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where an orchestrator project stands (seed 002's ProjectStatus). */
public enum ProjectStatus {
    ACTIVE, PAUSED, ARCHIVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of a wire name; empty when there is none (the caller reports the field). */
    public static Optional<ProjectStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(status -> status.wireName().equals(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ProjectStatus::wireName).toList();
    }
}
