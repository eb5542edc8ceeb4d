package dev.athanor.model.orchestrator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an orchestrator project is written in (seed 002's ProjectType); {@code general} for anything else. */
public enum ProjectType {
    PYTHON, TYPESCRIPT, REACT, NODE, GENERAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a wire name; empty when there is none (the caller reports the field). */
    public static Optional<ProjectType> fromWire(String value) {
        return Arrays.stream(values()).filter(type -> type.wireName().equals(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ProjectType::wireName).toList();
    }
}
