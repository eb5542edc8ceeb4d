package dev.athanor.factory.projects;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many projects a team has, and how many are in each status (every status of
 * {@link dev.athanor.model.projects.ProjectRules#STATUSES} is present, in that order, zero when none).
 */
public record ProjectSummary(int total, Map<String, Integer> statusBreakdown) {

    public ProjectSummary {
        statusBreakdown = Collections.unmodifiableMap(new LinkedHashMap<>(statusBreakdown));
    }
}
