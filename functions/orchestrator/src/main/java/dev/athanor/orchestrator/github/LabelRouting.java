package dev.athanor.orchestrator.github;

import dev.athanor.orchestrator.routing.TaskTypes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The task type an issue's labels ask for. Labels are compared without case, with spaces and hyphens read as
 * underscores ({@code Bulk Analysis} is {@code bulk_analysis}); the types are tried in a fixed order and the first
 * one a label names wins, so an issue labelled both {@code bug} and {@code security} is a security task. No label
 * naming a type: {@code code_generation}. A security task requires security (it passes only without security
 * issues).
 */
final class LabelRouting {

    static final String DEFAULT = "code_generation";

    /** Each type, in the order it is tried, with the labels that name it (its own name always does). */
    static final Map<String, Set<String>> ORDER;

    static {
        Map<String, Set<String>> order = new LinkedHashMap<>();
        order.put(TaskTypes.SECURITY, Set.of("security", "vulnerability"));
        order.put("architecture", Set.of("architecture", "design"));
        order.put("github_workflow", Set.of("github_workflow", "ci", "workflow", "github_actions"));
        order.put("bulk_analysis", Set.of("bulk_analysis", "analysis"));
        order.put("debugging", Set.of("debugging", "bug"));
        order.put(DEFAULT, Set.of(DEFAULT));
        ORDER = java.util.Collections.unmodifiableMap(order);
    }

    record Route(String taskType, boolean requiresSecurity) {
    }

    private LabelRouting() {
    }

    static Route of(List<String> labels) {
        Set<String> names = labels.stream().map(LabelRouting::normalise).collect(java.util.stream.Collectors.toSet());
        for (Map.Entry<String, Set<String>> type : ORDER.entrySet()) {
            if (type.getValue().stream().anyMatch(names::contains)) {
                return new Route(type.getKey(), type.getKey().equals(TaskTypes.SECURITY));
            }
        }
        return new Route(DEFAULT, false);
    }

    static String normalise(String label) {
        return label.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }
}
