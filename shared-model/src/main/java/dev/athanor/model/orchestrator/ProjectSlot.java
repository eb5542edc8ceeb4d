package dev.athanor.model.orchestrator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The three places a team's orchestrator projects occupy: a team has at most one project per slot, so at most three
 * projects. A new project takes the first free slot in this order.
 */
public enum ProjectSlot {
    A("Projekt-A"), B("Projekt-B"), C("Projekt-C");

    /** The rule, as a refusal states it. */
    public static final String RULE = "A team has at most 3 projects: Projekt-A, Projekt-B, Projekt-C";

    private final String label;

    ProjectSlot(String label) {
        this.label = label;
    }

    /** The name the API shows, e.g. {@code Projekt-A}. */
    public String label() {
        return label;
    }

    public static Optional<ProjectSlot> fromLabel(String label) {
        return Arrays.stream(values()).filter(slot -> slot.label.equals(label)).findFirst();
    }
}
